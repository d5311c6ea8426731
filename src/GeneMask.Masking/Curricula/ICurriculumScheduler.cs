namespace GeneMask.Masking;

/// <summary>
/// Decides, before each batch, which masking strategy and probability apply (a time-variant masking curriculum).
/// </summary>
/// <remarks>
/// <see cref="GetPhase"/> is a pure function of the state it is given, the evaluations reported so far and the
/// scheduler's own switch state, so a background producer may ask ahead and the trainer may ask again: both get the
/// same answer (the producer asks ahead through <see cref="PeekPhase"/>). Phase changes are reported once, moving forward in batch index, through <see cref="PhaseChanged"/>
/// and the logger. Implementations are thread-safe.
/// </remarks>
public interface ICurriculumScheduler
{
    /// <summary>The scheduler's name (<c>constant</c>, <c>cm-gems</c>, <c>cm-step</c>, …).</summary>
    string Name { get; }

    /// <summary>
    /// The scheduler, its strategies' <see cref="IMaskingStrategy.Description"/> and every setting that changes which
    /// phase a batch gets, in canonical form (<see cref="MaskingDescription.Format"/>); run fingerprints include it.
    /// By default only <see cref="Name"/>.
    /// </summary>
    string Description => Name;

    /// <summary>How often (in optimizer steps) the scheduler wants <see cref="OnEvaluation"/>; <see langword="null"/> when it ignores evaluations.</summary>
    int? EvaluationInterval { get; }

    /// <summary>The phase of the latest batch reported.</summary>
    MaskingPhase CurrentPhase { get; }

    /// <summary>The evaluations reported so far, in order.</summary>
    IReadOnlyList<EvaluationRecord> Evaluations { get; }

    /// <summary>Raised when the phase of a batch differs from the previous batch's (on the thread that asked).</summary>
    event EventHandler<MaskingPhaseChangedEventArgs>? PhaseChanged;

    /// <summary>The phase of the batch about to be used; reports it (<see cref="CurrentPhase"/>, <see cref="PhaseChanged"/>, the saved state).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The state is inconsistent (negative step, no total steps).</exception>
    MaskingPhase GetPhase(TrainingState state);

    /// <summary>
    /// The phase <see cref="GetPhase"/> would give now, without reporting it: a producer asking ahead uses this, so that
    /// <see cref="CurrentPhase"/>, <see cref="PhaseChanged"/> and the saved state name the batches really used.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The state is inconsistent (negative step, no total steps).</exception>
    MaskingPhase PeekPhase(TrainingState state) => GetPhase(state);

    /// <summary>Reports a validation perplexity measured after <paramref name="optimizerStep"/> optimizer steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The perplexity is not finite and positive, or the step goes backwards.</exception>
    void OnEvaluation(long optimizerStep, double perplexity);

    /// <summary>The state to store with a checkpoint.</summary>
    CurriculumState SaveState();

    /// <summary>Restores a state saved by <see cref="SaveState"/> of the same kind of scheduler.</summary>
    /// <exception cref="ArgumentException">The state belongs to another scheduler or is inconsistent.</exception>
    void RestoreState(CurriculumState state);
}

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>The outcome of <see cref="MlmPretrainer.Train"/>.</summary>
/// <param name="StartStep">Steps already done when this call started (non-zero after a resume).</param>
/// <param name="Steps">The metrics of every step run by this call.</param>
/// <param name="Validations">Evaluations run by this call.</param>
/// <param name="PhaseChanges">Phase changes observed by this call (see <see cref="RunPhaseChanges"/> for the whole run).</param>
/// <param name="CheckpointPath">The final checkpoint (resumable).</param>
/// <param name="ModelDirectory">The exported model (<c>model.safetensors</c> + <c>config.json</c>).</param>
public sealed record PretrainingResult(
    long StartStep,
    IReadOnlyList<PretrainingMetrics> Steps,
    IReadOnlyList<ValidationResult> Validations,
    IReadOnlyList<PhaseChange> PhaseChanges,
    string CheckpointPath,
    string ModelDirectory)
{
    /// <summary>Optimizer steps of the whole run (resumed ones included) skipped for fp16 gradient overflow.</summary>
    public long SkippedSteps { get; init; }

    /// <summary>
    /// Every phase change of the run, those made before an interruption included (read back from the metrics file on a
    /// resumed run), so a resumed run reports what an uninterrupted one does.
    /// </summary>
    public IReadOnlyList<PhaseChange> RunPhaseChanges { get; init; } = PhaseChanges;

    /// <summary>
    /// The step of the run's first phase change (<see cref="PhaseChange.Step"/>: its evaluation ran after this step, the
    /// next step used the new phase) — for CM-GEMS, the switch from GeneMask to Global — or null when the phase never changed.
    /// </summary>
    public long? SwitchStep => RunPhaseChanges.Count > 0 ? RunPhaseChanges[0].Step : null;

    /// <summary>The run's identity (<see cref="Training.RunFingerprint"/> in text form), as stored in the checkpoint.</summary>
    public string RunFingerprint { get; init; } = string.Empty;
}

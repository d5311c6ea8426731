using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>A curriculum from a user function of the training state and the evaluation history.</summary>
public sealed class DelegateCurriculum : CurriculumScheduler
{
    private readonly Func<TrainingState, IReadOnlyList<EvaluationRecord>, MaskingPhase> _select;
    private readonly int? _interval;

    /// <summary>Creates the curriculum.</summary>
    /// <param name="name">Its name (also the key of its saved state).</param>
    /// <param name="select">Returns the phase of a batch. It must be a pure function of its arguments (it may be asked ahead and again).</param>
    /// <param name="evaluationInterval">How often it wants evaluations, or <see langword="null"/>.</param>
    /// <param name="logger">Logger, optional.</param>
    public DelegateCurriculum(string name, Func<TrainingState, IReadOnlyList<EvaluationRecord>, MaskingPhase> select, int? evaluationInterval = null, ILogger<DelegateCurriculum>? logger = null)
        : base(name, logger)
    {
        ArgumentNullException.ThrowIfNull(select);
        if (evaluationInterval is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(evaluationInterval), evaluationInterval, "The evaluation interval must be at least 1 step.");
        }

        _select = select;
        _interval = evaluationInterval;
    }

    /// <inheritdoc />
    public override int? EvaluationInterval => _interval;

    /// <inheritdoc />
    protected override MaskingPhase SelectPhase(in TrainingState state) => _select(state, History);
}

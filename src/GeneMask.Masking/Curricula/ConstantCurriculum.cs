using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>One strategy at one probability for the whole run.</summary>
public sealed class ConstantCurriculum : CurriculumScheduler
{
    private readonly MaskingPhase _phase;

    /// <summary>Creates the curriculum.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="probability">The masking probability; <see langword="null"/> for the strategy's default (e.g. twice it for the paper's RQ4).</param>
    /// <param name="logger">Logger, optional.</param>
    public ConstantCurriculum(IMaskingStrategy strategy, double? probability = null, ILogger<ConstantCurriculum>? logger = null)
        : base("constant", logger)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var p = probability ?? strategy.DefaultProbability;
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), p, "The masking probability must be in [0, 1].");
        }

        _phase = MaskingPhase.Of(strategy, p);
        Description = MaskingDescription.Format(Name, ("strategy", strategy.Description), ("p", p));
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    protected override MaskingPhase SelectPhase(in TrainingState state) => _phase;
}

using GeneMask.Infrastructure;
using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>
/// Masking-ratio decay (Yang et al., ACL 2023): one strategy whose masking probability falls from a high start value
/// to a low end value over the run (linear or cosine), so the model first sees hard, heavily masked inputs and ends on
/// inputs close to what fine-tuning shows it.
/// </summary>
public sealed class MaskingRatioDecayCurriculum : CurriculumScheduler
{
    private readonly IMaskingStrategy _strategy;
    private readonly double _start;
    private readonly double _end;
    private readonly DecayShape _shape;

    /// <summary>Creates the curriculum.</summary>
    public MaskingRatioDecayCurriculum(IMaskingStrategy strategy, MaskingRatioDecayCurriculumOptions? options = null, ILogger<MaskingRatioDecayCurriculum>? logger = null)
        : base("ratio-decay", logger)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        options = new MaskingRatioDecayCurriculumOptionsValidator().Validated(options ?? new MaskingRatioDecayCurriculumOptions());
        _strategy = strategy;
        _start = options.StartProbability ?? Math.Min(1.0, 2 * strategy.DefaultProbability);
        _end = options.EndProbability ?? strategy.DefaultProbability / 2;
        _shape = options.Shape;
        if (!(_start is >= 0 and <= 1 && _end is >= 0 and <= 1))
        {
            // Only a strategy's default can get here (set values were validated): say where the numbers came from.
            throw new ArgumentOutOfRangeException(nameof(strategy), strategy.DefaultProbability, $"Strategy {strategy.Name}'s default probability gives start {_start} and end {_end}; both must be in [0, 1].");
        }

        Description = MaskingDescription.Format(Name, ("strategy", strategy.Description), ("start", _start), ("end", _end), ("shape", _shape));
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>The probability at a step.</summary>
    public double ProbabilityAt(long step, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        var x = totalSteps <= 1 ? 1.0 : Math.Min(1.0, (double)step / (totalSteps - 1));
        var f = _shape == DecayShape.Linear ? 1 - x : (1 + Math.Cos(Math.PI * x)) / 2;
        return _end + ((_start - _end) * f);
    }

    /// <inheritdoc />
    protected override MaskingPhase SelectPhase(in TrainingState state) =>
        new(Name, _strategy, ProbabilityAt(state.Step, state.TotalSteps));
}

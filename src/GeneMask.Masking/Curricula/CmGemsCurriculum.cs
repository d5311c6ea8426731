using GeneMask.Infrastructure;
using GeneMask.Pmi;
using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>
/// CM-GEMS (ECAI 2024): GeneMask (easy) until the validation perplexity stops dropping by at least a threshold between
/// evaluations, then Global PMI masking (hard) for the rest of the run. The switch is sticky and its step is reported
/// (<see cref="SwitchStep"/>); a run that never reaches the threshold stays easy throughout.
/// </summary>
public sealed class CmGemsCurriculum : CurriculumScheduler
{
    /// <summary>The curriculum's name.</summary>
    public const string CurriculumName = "cm-gems";

    private readonly MaskingPhase _easy;
    private readonly MaskingPhase _hard;
    private readonly double _threshold;
    private readonly CmGemsSwitchRule _rule;
    private readonly int _interval;
    private readonly Lock _switchLock = new();
    private long? _switchStep;
    private bool _warned;

    /// <summary>Creates the curriculum.</summary>
    /// <param name="easy">The first phase's strategy (GeneMask), at its default probability.</param>
    /// <param name="hard">The second phase's strategy (Global PMI), at its default probability.</param>
    /// <param name="options">Options; <see langword="null"/> for the paper's.</param>
    /// <param name="logger">Logger, optional.</param>
    public CmGemsCurriculum(IMaskingStrategy easy, IMaskingStrategy hard, CmGemsCurriculumOptions? options = null, ILogger<CmGemsCurriculum>? logger = null)
        : base(CurriculumName, logger)
    {
        ArgumentNullException.ThrowIfNull(easy);
        ArgumentNullException.ThrowIfNull(hard);
        options = new CmGemsCurriculumOptionsValidator().Validated(options ?? new CmGemsCurriculumOptions());
        _easy = MaskingPhase.Of(easy);
        _hard = MaskingPhase.Of(hard);
        if (string.Equals(_easy.Name, _hard.Name, StringComparison.Ordinal))
        {
            _hard = _hard with { Name = _hard.Name + " (hard)" };
        }

        _threshold = options.Threshold;
        _rule = options.Rule;
        _interval = options.EvaluationInterval;
        Description = MaskingDescription.Format(Name, ("easy", easy.Description), ("hard", hard.Description), ("threshold", _threshold), ("rule", _rule), ("evaluation-interval", _interval));
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>The paper's CM-GEMS over a PMI table: GeneMask (p = 0.15 / 8.5), then Global (p = 0.15 / 11).</summary>
    public static CmGemsCurriculum Create(PmiTable table, CmGemsCurriculumOptions? options = null, ILogger<CmGemsCurriculum>? logger = null) =>
        new(new GeneMaskMasking(table), new GlobalPmiMasking(table), options, logger);

    /// <inheritdoc />
    public override int? EvaluationInterval => _interval;

    /// <summary>
    /// The optimizer step whose evaluation triggered the switch, or <see langword="null"/> while it has not switched;
    /// batches of later steps (<see cref="TrainingState.Step"/> ≥ this value, i.e. 1-based step + 1 onwards) use the hard phase.
    /// </summary>
    public long? SwitchStep
    {
        get
        {
            lock (_switchLock)
            {
                return _switchStep;
            }
        }
    }

    /// <summary>Whether the curriculum has switched to the hard phase.</summary>
    public bool HasSwitched => SwitchStep.HasValue;

    /// <inheritdoc />
    protected override MaskingPhase SelectPhase(in TrainingState state)
    {
        if (!_warned)
        {
            _warned = true;
            if (2L * _interval >= state.TotalSteps)
            {
                Log.CmGemsCannotSwitch(Logger, _interval, state.TotalSteps);
            }
        }

        return _switchStep is { } s && state.Step >= s ? _hard : _easy;
    }

    /// <inheritdoc />
    protected override void OnEvaluated(EvaluationRecord latest)
    {
        var history = History;
        if (_switchStep.HasValue || history.Count < 2)
        {
            return;
        }

        double change;
        if (_rule == CmGemsSwitchRule.LastDrop)
        {
            change = history[^2].Perplexity - history[^1].Perplexity;
        }
        else
        {
            change = double.PositiveInfinity;
            for (var i = 1; i < history.Count; i++)
            {
                change = Math.Min(change, Math.Abs(history[i].Perplexity - history[i - 1].Perplexity));
            }
        }

        if (change < _threshold)
        {
            lock (_switchLock)
            {
                _switchStep = latest.Step;
            }

            Log.CmGemsSwitch(Logger, change, _threshold, _rule, latest.Step, _hard.Name);
        }
    }

    /// <inheritdoc />
    protected override void SaveCore(CurriculumState state) => state.SwitchStep = _switchStep;

    /// <inheritdoc />
    protected override void RestoreCore(CurriculumState state)
    {
        lock (_switchLock)
        {
            _switchStep = state.SwitchStep;
        }
    }
}

using GeneMask.Infrastructure;
using GeneMask.Pmi;
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
    }

    /// <inheritdoc />
    protected override MaskingPhase SelectPhase(in TrainingState state) => _phase;
}

/// <summary>When CM-GEMS decides that the easy phase is exhausted.</summary>
public enum CmGemsSwitchRule
{
    /// <summary>The perplexity drop between the last two evaluations, previous − last, is below the threshold (the paper's words; default). An increase counts as no drop.</summary>
    LastDrop = 0,

    /// <summary>Upstream code: the smallest |Δ| over all consecutive evaluations so far is below the threshold (a large increase does not trigger).</summary>
    MinimumAbsoluteChange = 1,
}

/// <summary>Options of <see cref="CmGemsCurriculum"/>.</summary>
public sealed class CmGemsCurriculumOptions
{
    /// <summary>The perplexity change below which the curriculum switches. Default 1.0 (the paper).</summary>
    public double Threshold { get; set; } = 1.0;

    /// <summary>Which change is compared with the threshold. Default <see cref="CmGemsSwitchRule.LastDrop"/>.</summary>
    public CmGemsSwitchRule Rule { get; set; } = CmGemsSwitchRule.LastDrop;

    /// <summary>How often the trainer should evaluate, in optimizer steps. Default 500 (upstream's logging steps).</summary>
    public int EvaluationInterval { get; set; } = 500;
}

/// <summary>
/// CM-GEMS (ECAI 2024): GeneMask (easy) until the validation perplexity stops dropping by at least a threshold between
/// evaluations, then Global PMI masking (hard) for the rest of the run. The switch is sticky and its step is reported
/// (<see cref="SwitchStep"/>); a run that never reaches the threshold stays easy throughout.
/// </summary>
public sealed class CmGemsCurriculum : CurriculumScheduler
{
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
        : base("cm-gems", logger)
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
    }

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

/// <summary>Options of <see cref="CmStepCurriculum"/>.</summary>
public sealed class CmStepCurriculumOptions
{
    /// <summary>Number of equal blocks the run is cut into. Default 100.</summary>
    public int Blocks { get; set; } = 100;

    /// <summary>Seed of the per-batch strategy draw (combined with the batch index). Default 0.</summary>
    public ulong Seed { get; set; }
}

/// <summary>
/// CM-Step (the paper's baseline): the run is cut into <c>B</c> equal blocks of optimizer steps; in block
/// <c>j</c> (0-based) each batch draws Global (hard) with probability <c>p_global = j / B</c>, otherwise the k-mer span
/// strategy (easy). Correct for any number of steps: <c>j = ⌊step · B / total⌋</c> clamped to B − 1, so p stays below 1
/// and nothing divides by zero.
/// </summary>
public sealed class CmStepCurriculum : CurriculumScheduler
{
    private readonly IMaskingStrategy _easy;
    private readonly IMaskingStrategy _hard;
    private readonly int _blocks;
    private readonly ulong _seed;
    private readonly string[] _names;

    /// <summary>Creates the curriculum.</summary>
    /// <param name="easy">The easy strategy (DNABERT k-mer span, p = 0.025).</param>
    /// <param name="hard">The hard strategy (Global PMI, p = 0.15 / 11).</param>
    /// <param name="options">Options; <see langword="null"/> for 100 blocks, seed 0.</param>
    /// <param name="logger">Logger, optional.</param>
    public CmStepCurriculum(IMaskingStrategy easy, IMaskingStrategy hard, CmStepCurriculumOptions? options = null, ILogger<CmStepCurriculum>? logger = null)
        : base("cm-step", logger)
    {
        ArgumentNullException.ThrowIfNull(easy);
        ArgumentNullException.ThrowIfNull(hard);
        options = new CmStepCurriculumOptionsValidator().Validated(options ?? new CmStepCurriculumOptions());
        _easy = easy;
        _hard = hard;
        _blocks = options.Blocks;
        _seed = options.Seed;
        _names = new string[_blocks];
        for (var j = 0; j < _blocks; j++)
        {
            _names[j] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"block {j + 1}/{_blocks}");
        }
    }

    /// <summary>The paper's CM-Step over a PMI table: k-mer span (p = 0.025) and Global (p = 0.15 / 11).</summary>
    public static CmStepCurriculum Create(PmiTable table, CmStepCurriculumOptions? options = null, ILogger<CmStepCurriculum>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new(new KmerSpanMasking(new KmerSpanMaskingOptions { K = table.K }), new GlobalPmiMasking(table), options, logger);
    }

    /// <summary>Number of blocks.</summary>
    public int Blocks => _blocks;

    /// <summary>The 0-based block of an optimizer step.</summary>
    public int BlockOf(long step, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        var block = (long)(((System.Int128)step * _blocks) / totalSteps);
        return (int)Math.Min(block, _blocks - 1);
    }

    /// <summary>The probability that a batch of a step uses the hard strategy: block / blocks (always below 1).</summary>
    public double HardProbability(long step, long totalSteps) => (double)BlockOf(step, totalSteps) / _blocks;

    /// <inheritdoc />
    protected override MaskingPhase SelectPhase(in TrainingState state)
    {
        var block = BlockOf(state.Step, state.TotalSteps);
        var random = MaskRandom.ForBatch(_seed, state.BatchIndex, MaskRandomPurpose.Curriculum);
        var hard = random.NextDouble() < (double)block / _blocks;
        var strategy = hard ? _hard : _easy;
        return new MaskingPhase(_names[block], strategy, strategy.DefaultProbability);
    }
}

/// <summary>The shape of <see cref="MaskingRatioDecayCurriculum"/>'s decay.</summary>
public enum DecayShape
{
    /// <summary>Straight line from the start probability to the end probability.</summary>
    Linear = 0,

    /// <summary>Half a cosine: slow at both ends.</summary>
    Cosine = 1,
}

/// <summary>Options of <see cref="MaskingRatioDecayCurriculum"/>.</summary>
public sealed class MaskingRatioDecayCurriculumOptions
{
    /// <summary>Probability at step 0; <see langword="null"/> for twice the strategy's default (e.g. 30 % of tokens for 15 %).</summary>
    public double? StartProbability { get; set; }

    /// <summary>Probability at the last step; <see langword="null"/> for half the strategy's default.</summary>
    public double? EndProbability { get; set; }

    /// <summary>The decay's shape. Default <see cref="DecayShape.Linear"/>.</summary>
    public DecayShape Shape { get; set; } = DecayShape.Linear;
}

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
    }

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

using GeneMask.Infrastructure;
using GeneMask.Pmi;
using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>
/// CM-Step (the paper's baseline): the run is cut into <c>B</c> equal blocks of optimizer steps; in block
/// <c>j</c> (0-based) each batch draws Global (hard) with probability <c>p_global = j / B</c>, otherwise the k-mer span
/// strategy (easy). Correct for any number of steps: <c>j = ⌊step · B / total⌋</c> clamped to B − 1, so p stays below 1
/// and nothing divides by zero.
/// </summary>
public sealed class CmStepCurriculum : CurriculumScheduler
{
    /// <summary>The curriculum's name.</summary>
    public const string CurriculumName = "cm-step";

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
        : base(CurriculumName, logger)
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

        Description = MaskingDescription.Format(Name, ("easy", easy.Description), ("hard", hard.Description), ("blocks", _blocks), ("seed", _seed));
    }

    /// <inheritdoc />
    public override string Description { get; }

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
    internal double HardProbability(long step, long totalSteps) => (double)BlockOf(step, totalSteps) / _blocks;

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

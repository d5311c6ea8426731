using GeneMask.Masking;
using GeneMask.Pmi;

namespace GeneMask.Reproduction.Comparison;

/// <summary>An arm of a <see cref="MaskingComparison"/>: how (and whether) the shared initial model is pretrained.</summary>
public enum ComparisonArm
{
    /// <summary>No pretraining: the shared random initialisation itself (the control).</summary>
    None = 0,

    /// <summary>BERT's 15 % single tokens: trivial to undo for overlapping k-mers (the leaky baseline).</summary>
    RandomToken = 1,

    /// <summary>DNABERT's k-mer spans (p = 0.025 per centre).</summary>
    KmerSpan = 2,

    /// <summary>GeneMask: PMI-guided span centres.</summary>
    GeneMask = 3,

    /// <summary>Global PMI masking (ranks looked up by token: the method as published).</summary>
    Global = 4,

    /// <summary>CM-GEMS: GeneMask until the validation perplexity stops dropping, then Global.</summary>
    CmGems = 5,

    /// <summary>CM-Step: k-mer span and Global mixed with a rising share of Global.</summary>
    CmStep = 6,

    /// <summary>Ablation: Global with the upstream defect of looking ranks up by position (the mask ignores the sequence).</summary>
    GlobalByPosition = 7,
}

/// <summary>Names and curricula of <see cref="ComparisonArm"/>.</summary>
public static class ComparisonArms
{
    /// <summary>Every arm, in report order.</summary>
    public static IReadOnlyList<ComparisonArm> All { get; } =
    [
        ComparisonArm.None, ComparisonArm.RandomToken, ComparisonArm.KmerSpan, ComparisonArm.GeneMask, ComparisonArm.Global,
        ComparisonArm.CmGems, ComparisonArm.CmStep, ComparisonArm.GlobalByPosition,
    ];

    /// <summary>The default subset: the control, the DNABERT baseline and the paper's three PMI strategies.</summary>
    public static IReadOnlyList<ComparisonArm> Default { get; } =
        [ComparisonArm.None, ComparisonArm.KmerSpan, ComparisonArm.GeneMask, ComparisonArm.Global, ComparisonArm.CmGems];

    /// <summary>The arm's name: <c>none</c>, <c>random-token</c>, <c>kmer-span</c>, <c>genemask</c>, <c>global</c>, <c>cm-gems</c>, <c>cm-step</c>, <c>global-by-position</c>.</summary>
    public static string Name(this ComparisonArm arm) => arm switch
    {
        ComparisonArm.None => "none",
        ComparisonArm.RandomToken => "random-token",
        ComparisonArm.KmerSpan => "kmer-span",
        ComparisonArm.GeneMask => "genemask",
        ComparisonArm.Global => "global",
        ComparisonArm.CmGems => "cm-gems",
        ComparisonArm.CmStep => "cm-step",
        ComparisonArm.GlobalByPosition => "global-by-position",
        _ => throw new ArgumentOutOfRangeException(nameof(arm), arm, "Unknown arm."),
    };

    /// <summary>Parses an arm name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Not an arm; the message lists them.</exception>
    public static ComparisonArm Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var arm in All)
        {
            if (string.Equals(arm.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return arm;
            }
        }

        throw new ArgumentException($"Unknown arm '{name}'; expected one of {string.Join(", ", All.Select(a => a.Name()))}.", nameof(name));
    }

    /// <summary>Parses a list of names; <c>all</c> and <c>default</c> name the sets.</summary>
    public static IReadOnlyList<ComparisonArm> ParseList(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var arms = new List<ComparisonArm>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var set = name.ToLowerInvariant() switch
            {
                "all" => All,
                "default" => Default,
                _ => [Parse(name)],
            };
            arms.AddRange(set.Where(a => !arms.Contains(a)));
        }

        return [.. All.Where(arms.Contains)];
    }

    /// <summary>The curriculum that pretrains the arm; null for <see cref="ComparisonArm.None"/>.</summary>
    /// <param name="arm">The arm.</param>
    /// <param name="table">The 6-mer NPMI ranking.</param>
    /// <param name="cmGemsEvaluationInterval">Steps between CM-GEMS's validation evaluations.</param>
    public static ICurriculumScheduler? CreateCurriculum(this ComparisonArm arm, PmiTable table, int cmGemsEvaluationInterval)
    {
        ArgumentNullException.ThrowIfNull(table);
        return arm switch
        {
            ComparisonArm.None => null,
            ComparisonArm.RandomToken => new ConstantCurriculum(new RandomTokenMasking()),
            // The paper's strategies pretrain exactly as the reproduction pipeline's do.
            ComparisonArm.KmerSpan => PretrainingStrategy.RandomSpan.CreateCurriculum(table, cmGemsEvaluationInterval),
            ComparisonArm.GeneMask => PretrainingStrategy.GeneMask.CreateCurriculum(table, cmGemsEvaluationInterval),
            ComparisonArm.Global => PretrainingStrategy.Global.CreateCurriculum(table, cmGemsEvaluationInterval),
            ComparisonArm.CmGems => PretrainingStrategy.CmGems.CreateCurriculum(table, cmGemsEvaluationInterval),
            ComparisonArm.CmStep => PretrainingStrategy.CmStep.CreateCurriculum(table, cmGemsEvaluationInterval),
            ComparisonArm.GlobalByPosition => new ConstantCurriculum(new GlobalPmiMasking(table, new GlobalPmiMaskingOptions { RankLookup = RankLookup.ByPosition })),
            _ => throw new ArgumentOutOfRangeException(nameof(arm), arm, "Unknown arm."),
        };
    }
}

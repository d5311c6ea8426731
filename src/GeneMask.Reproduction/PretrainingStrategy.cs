using GeneMask.Masking;
using GeneMask.Pmi;

namespace GeneMask.Reproduction;

/// <summary>The masking schemes the paper compares in pretraining.</summary>
public enum PretrainingStrategy
{
    /// <summary>DNABERT's random k-mer span masking (p = 0.025 per centre), the paper's "DNABert" baseline.</summary>
    RandomSpan = 0,

    /// <summary>GeneMask: PMI-guided span centres (p = 0.15 / 8.5).</summary>
    GeneMask = 1,

    /// <summary>Global PMI masking (p = 0.15 / 11).</summary>
    Global = 2,

    /// <summary>CM-Step: random span and Global mixed with a rising share of Global over 100 blocks.</summary>
    CmStep = 3,

    /// <summary>CM-GEMS: GeneMask until the validation perplexity stops dropping, then Global.</summary>
    CmGems = 4,
}

/// <summary>Names and curricula of <see cref="PretrainingStrategy"/> values.</summary>
public static class PretrainingStrategies
{
    /// <summary>All strategies in the paper's table order.</summary>
    public static IReadOnlyList<PretrainingStrategy> All { get; } =
        [PretrainingStrategy.RandomSpan, PretrainingStrategy.GeneMask, PretrainingStrategy.Global, PretrainingStrategy.CmStep, PretrainingStrategy.CmGems];

    /// <summary>The command-line name: <c>random-span</c>, <c>genemask</c>, <c>global</c>, <c>cm-step</c>, <c>cm-gems</c>.</summary>
    public static string CliName(this PretrainingStrategy strategy) => strategy switch
    {
        PretrainingStrategy.RandomSpan => "random-span",
        PretrainingStrategy.GeneMask => "genemask",
        PretrainingStrategy.Global => "global",
        PretrainingStrategy.CmStep => "cm-step",
        PretrainingStrategy.CmGems => "cm-gems",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    /// <summary>The name the paper's tables use (empty for the random-span baseline, which the paper calls just "DNABert").</summary>
    public static string PaperName(this PretrainingStrategy strategy) => strategy switch
    {
        PretrainingStrategy.RandomSpan => string.Empty,
        PretrainingStrategy.GeneMask => "GeneMask",
        PretrainingStrategy.Global => "Global",
        PretrainingStrategy.CmStep => "CM-Step",
        PretrainingStrategy.CmGems => "CM-GEMS",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    /// <summary>Parses a command-line name (case-insensitive); the earlier names <c>kmer-span</c> and <c>global-pmi</c> are accepted too.</summary>
    /// <exception cref="ArgumentException">The name is none of the five; the message lists them.</exception>
    public static PretrainingStrategy Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Trim().Equals("kmer-span", StringComparison.OrdinalIgnoreCase))
        {
            return PretrainingStrategy.RandomSpan;
        }

        if (name.Trim().Equals("global-pmi", StringComparison.OrdinalIgnoreCase))
        {
            return PretrainingStrategy.Global;
        }

        foreach (var strategy in All)
        {
            if (string.Equals(strategy.CliName(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return strategy;
            }
        }

        throw new ArgumentException($"Unknown pretraining strategy '{name}'; expected one of {string.Join(", ", All.Select(s => s.CliName()))}.", nameof(name));
    }

    /// <summary>
    /// The curriculum that pretrains with <paramref name="strategy"/> over <paramref name="table"/>; CM-GEMS evaluates
    /// every <paramref name="evaluationInterval"/> steps.
    /// </summary>
    public static ICurriculumScheduler CreateCurriculum(this PretrainingStrategy strategy, PmiTable table, int evaluationInterval)
    {
        ArgumentNullException.ThrowIfNull(table);
        return strategy switch
        {
            PretrainingStrategy.RandomSpan => new ConstantCurriculum(new KmerSpanMasking(new KmerSpanMaskingOptions { K = table.K })),
            PretrainingStrategy.GeneMask => new ConstantCurriculum(new GeneMaskMasking(table)),
            PretrainingStrategy.Global => new ConstantCurriculum(new GlobalPmiMasking(table)),
            PretrainingStrategy.CmStep => CmStepCurriculum.Create(table),
            PretrainingStrategy.CmGems => CmGemsCurriculum.Create(table, new CmGemsCurriculumOptions { EvaluationInterval = evaluationInterval }),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
        };
    }

    /// <summary>
    /// The curriculum that pretrains with <paramref name="strategy"/> under <paramref name="options"/>: the flavour's
    /// rank lookup, keep-all-centres and unknown-k-mer rank for the PMI strategies, and CM-GEMS with the options'
    /// evaluation interval, threshold and switch rule.
    /// </summary>
    public static ICurriculumScheduler CreateCurriculum(this PretrainingStrategy strategy, PmiTable table, ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        IMaskingStrategy Span() => new KmerSpanMasking(new KmerSpanMaskingOptions { K = table.K });
        IMaskingStrategy GeneMask() => new GeneMaskMasking(table, new GeneMaskMaskingOptions
        {
            RankLookup = options.RankLookup,
            UnknownKmerRank = options.GeneMaskUnknownKmerRank,
            KeepAllCentresUpTo = options.KeepAllCentresUpTo,
        });

        // Unknown k-mers rank worst in Global both upstream and here (reference §6.3).
        IMaskingStrategy Global() => new GlobalPmiMasking(table, new GlobalPmiMaskingOptions { RankLookup = options.RankLookup });
        return strategy switch
        {
            PretrainingStrategy.RandomSpan => new ConstantCurriculum(Span()),
            PretrainingStrategy.GeneMask => new ConstantCurriculum(GeneMask()),
            PretrainingStrategy.Global => new ConstantCurriculum(Global()),
            PretrainingStrategy.CmStep => new CmStepCurriculum(Span(), Global()),
            PretrainingStrategy.CmGems => new CmGemsCurriculum(GeneMask(), Global(), new CmGemsCurriculumOptions
            {
                EvaluationInterval = options.EvaluationInterval,
                Threshold = options.CmGemsThreshold,
                Rule = options.CmGemsRule,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
        };
    }
}

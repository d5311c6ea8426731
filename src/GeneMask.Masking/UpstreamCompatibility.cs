namespace GeneMask.Masking;

/// <summary>
/// Which upstream behaviours a run reproduces (reference notes §6), in one place: every behaviour off
/// (<see cref="None"/>, the method as published) or on (<see cref="All"/>, what the upstream code does), or any mix, e.g.
/// from the command line's switches (<see cref="FromSwitches"/>). The catalogue's entries build their strategies'
/// options from it, and the <c>ApplyTo</c> overloads write it into the collator's and CM-GEMS's options: a flavour maps
/// onto every option it changes here and nowhere else.
/// </summary>
public sealed record UpstreamCompatibility
{
    private static readonly (string Name, Func<UpstreamCompatibility, UpstreamCompatibility> TurnOn)[] SwitchTable =
    [
        ("rank-by-position", c => c with { RankLookup = RankLookup.ByPosition }),
        ("keep-all-centres", c => c with { KeepAllCentresUpTo = GeneMaskMaskingOptions.UpstreamKeepAllCentresUpTo }),
        ("unknown-best", c => c with { GeneMaskUnknownKmerRank = UnknownKmerRank.Best }),
        ("whole-vocabulary", c => c with { RandomReplacement = RandomReplacementSource.WholeVocabulary }),
        ("rounded-probabilities", c => c with { RoundedProbabilities = true }),
    ];

    /// <summary>GeneMask's centre probability as the upstream scripts and code write it: 0.0176 (0.15 / 8.5 rounded).</summary>
    public const double UpstreamGeneMaskProbability = 0.0176;

    /// <summary>Global's probability as the upstream code writes it: 0.0136 (0.15 / 11 rounded).</summary>
    public const double UpstreamGlobalProbability = 0.0136;

    /// <summary>Every behaviour as published: the defaults of every option.</summary>
    public static UpstreamCompatibility None { get; } = new();

    /// <summary>Every upstream behaviour that changes the numbers: all <see cref="SwitchNames"/> on and CM-GEMS's minimum-|Δ| switch rule.</summary>
    public static UpstreamCompatibility All { get; } = SwitchTable.Aggregate(None, (c, s) => s.TurnOn(c)) with { CmGemsRule = CmGemsSwitchRule.MinimumAbsoluteChange };

    /// <summary>The command-line names of the masking behaviours, one switch each: <c>rank-by-position</c>, <c>keep-all-centres</c>, <c>unknown-best</c>, <c>whole-vocabulary</c>, <c>rounded-probabilities</c>.</summary>
    public static IReadOnlyList<string> SwitchNames { get; } = [.. SwitchTable.Select(s => s.Name)];

    /// <summary>What GeneMask and Global look a position's NPMI rank up by (upstream defect §6.1: the position itself).</summary>
    public RankLookup RankLookup { get; init; } = RankLookup.ByToken;

    /// <summary>GeneMask widens every centre of a row with at most this many (upstream 8; 0 = always the best half).</summary>
    public int KeepAllCentresUpTo { get; init; }

    /// <summary>How [UNK] ranks in GeneMask (upstream: best). Global ranks it worst in both readings, as upstream does (§6.3).</summary>
    public UnknownKmerRank GeneMaskUnknownKmerRank { get; init; } = UnknownKmerRank.Worst;

    /// <summary>Where the random 10 % of the 80/10/10 replacement draws from (upstream: the whole vocabulary, specials included).</summary>
    public RandomReplacementSource RandomReplacement { get; init; } = RandomReplacementSource.KmerIds;

    /// <summary>The change CM-GEMS compares with its threshold (upstream code: the minimum |Δ| so far).</summary>
    public CmGemsSwitchRule CmGemsRule { get; init; } = CmGemsSwitchRule.LastDrop;

    /// <summary>
    /// GeneMask and Global draw their centres with the probabilities the upstream code writes as literals,
    /// <see cref="UpstreamGeneMaskProbability"/> and <see cref="UpstreamGlobalProbability"/>, instead of 0.15 / 8.5 and
    /// 0.15 / 11 (GeneMask's script passes 0.0176; CM-GEMS hard-codes 0.0176 for its GeneMask phase, CM-Step 0.0136 for
    /// its Global draws).
    /// </summary>
    public bool RoundedProbabilities { get; init; }

    /// <summary>The behaviours named by command-line switches turned on, the others as published.</summary>
    /// <param name="switches">Names from <see cref="SwitchNames"/> (case ignored).</param>
    /// <exception cref="ArgumentException">A name is not a switch; the message lists them.</exception>
    public static UpstreamCompatibility FromSwitches(IEnumerable<string> switches)
    {
        ArgumentNullException.ThrowIfNull(switches);
        var result = None;
        foreach (var name in switches)
        {
            var index = Array.FindIndex(SwitchTable, s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new ArgumentException($"Unknown upstream compatibility switch '{name}'; expected one of {string.Join(", ", SwitchNames)}.", nameof(switches));
            }

            result = SwitchTable[index].TurnOn(result);
        }

        return result;
    }

    /// <summary>Writes the GeneMask behaviours (rank lookup, [UNK] rank, keep-all-centres, probability) into <paramref name="options"/>.</summary>
    public void ApplyTo(GeneMaskMaskingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RankLookup = RankLookup;
        options.UnknownKmerRank = GeneMaskUnknownKmerRank;
        options.KeepAllCentresUpTo = KeepAllCentresUpTo;
        if (RoundedProbabilities)
        {
            options.Probability = UpstreamGeneMaskProbability;
        }
    }

    /// <summary>Writes the Global behaviours (rank lookup, probability) into <paramref name="options"/>; [UNK] keeps ranking worst.</summary>
    public void ApplyTo(GlobalPmiMaskingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RankLookup = RankLookup;
        if (RoundedProbabilities)
        {
            options.Probability = UpstreamGlobalProbability;
        }
    }

    /// <summary>Writes the replacement behaviour into <paramref name="options"/>.</summary>
    public void ApplyTo(MlmCollatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RandomReplacement = RandomReplacement;
    }

    /// <summary>Writes the switch rule into <paramref name="options"/>.</summary>
    public void ApplyTo(CmGemsCurriculumOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Rule = CmGemsRule;
    }
}

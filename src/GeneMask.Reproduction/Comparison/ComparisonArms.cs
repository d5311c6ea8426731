using GeneMask.Masking;

namespace GeneMask.Reproduction.Comparison;

/// <summary>The arms of a <see cref="MaskingComparison"/> by name: every catalogue strategy and curriculum, and the comparison's own two.</summary>
public static class ComparisonArms
{
    /// <summary>
    /// Every arm, in report order: the control, the catalogue's strategies, its curricula, then the ablation (none,
    /// random-token, kmer-span, genemask, global, any registered strategy, cm-gems, cm-step, global-by-position).
    /// </summary>
    public static IReadOnlyList<ComparisonArm> All =>
    [
        ComparisonArm.None,
        .. MaskingCatalog.All.Select(e => ComparisonArm.Of(e.Name)),
        ComparisonArm.GlobalByPosition,
    ];

    /// <summary>The default subset: the control, the DNABERT baseline and CM-GEMS (the paper's headline contrast).</summary>
    public static IReadOnlyList<ComparisonArm> Default { get; } =
    [
        ComparisonArm.None,
        ComparisonArm.Of(KmerSpanMasking.StrategyName),
        ComparisonArm.Of(CmGemsCurriculum.CurriculumName),
    ];

    /// <summary>Parses an arm name (case-insensitive; the catalogue's aliases are accepted).</summary>
    /// <exception cref="ArgumentException">Not an arm; the message lists them.</exception>
    public static ComparisonArm Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var all = All;
        return all.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? (MaskingCatalog.TryGet(name, out var entry) ? ComparisonArm.Of(entry.Name) : null)
            ?? throw new ArgumentException($"Unknown arm '{name}'; expected one of {string.Join(", ", all.Select(a => a.Name))}.", nameof(name));
    }

    /// <summary>Parses a list of names (comma-separated or not), in report order; <c>all</c> and <c>default</c> name the sets.</summary>
    /// <exception cref="ArgumentException">A name is not an arm; the message lists them.</exception>
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
}

using GeneMask.Reproduction;

namespace GeneMask.Samples;

/// <summary>
/// One set of masking-strategy names for every command: <c>random-token</c>, <c>random-span</c>, <c>genemask</c>,
/// <c>global</c>, and the curricula <c>cm-step</c> and <c>cm-gems</c>. The names of earlier versions are accepted as
/// aliases: <c>kmer-span</c> (= random-span) and <c>global-pmi</c> (= global).
/// </summary>
public static class StrategyNames
{
    /// <summary>Old names and the names they stand for.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kmer-span"] = "random-span",
        ["global-pmi"] = "global",
    };

    /// <summary>What <c>pretrain</c> and <c>reproduce</c> accept.</summary>
    public static IReadOnlyList<string> Pretraining { get; } = [.. PretrainingStrategies.All.Select(s => s.CliName())];

    /// <summary>What <c>mask</c> accepts (single strategies; the curricula switch between them during training).</summary>
    public static IReadOnlyList<string> Masking { get; } = ["random-token", "random-span", "genemask", "global"];

    /// <summary>The current name of <paramref name="name"/> (an alias is mapped, case ignored).</summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        return Aliases.TryGetValue(lower, out var canonical) ? canonical : lower;
    }

    /// <summary>The accepted values of an option: the names and the aliases.</summary>
    public static string[] WithAliases(IEnumerable<string> names) => [.. names, .. Aliases.Keys.Where(a => names.Contains(Aliases[a]))];
}

using System.Text.Json.Serialization;

namespace GeneMask.Reproduction.Comparison;

/// <summary>A paired comparison of two arms on one metric.</summary>
public sealed record ArmComparison
{
    /// <summary>The arm compared.</summary>
    public required string Arm { get; init; }

    /// <summary>The reference arm (<c>kmer-span</c> or <c>none</c>).</summary>
    public required string Reference { get; init; }

    /// <summary><c>M2</c> or <c>M3</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The task.</summary>
    public required string Task { get; init; }

    /// <summary>
    /// Whether the comparison is in the primary family, fixed before the run: every arm against <c>none</c>, and
    /// <c>cm-gems</c> against <c>kmer-span</c>, on the mean few-shot accuracy (M3). Every other comparison is exploratory.
    /// </summary>
    public bool Primary { get; init; }

    /// <summary>What was paired and how the intervals were made: test examples (M2) or seeds (M3), and replicates.</summary>
    public required string PairedOver { get; init; }

    /// <summary>Number of pairs (units per replicate).</summary>
    public int Pairs { get; init; }

    /// <summary>Mean of <see cref="Arm"/> minus that of <see cref="Reference"/> (accuracy; loss for M1), averaged over replicates.</summary>
    public double Difference { get; init; }

    /// <summary>
    /// The 95 % bootstrap interval of the difference: with several replicates the hierarchical bootstrap (replicates,
    /// then the units every replicate shares); with one, the paired bootstrap over test examples (M2) or the Student-t
    /// interval over seeds (M3).
    /// </summary>
    [JsonPropertyName("ci95")]
    public required double[] Ci95 { get; init; }

    /// <summary>The 95 % Student-t interval: over the replicates' mean differences (df R − 1), or over the pairs with one replicate.</summary>
    [JsonPropertyName("t_ci95")]
    public required double[] TCi95 { get; init; }

    /// <summary>Two-sided p-value of the t-interval's test (NaN when all differences are 0).</summary>
    public double P { get; init; }

    /// <summary>Holm-adjusted p-value within the primary family; null for an exploratory comparison.</summary>
    public double? PHolm { get; init; }

    /// <summary>
    /// For a primary comparison over at least 2 replicates: the smallest difference it had about 80 % power to claim,
    /// (t<sub>1−α/(2m), R−1</sub> + t<sub>0.8, R−1</sub>) · SE, at Holm's strictest level α/m over the family of m, with the
    /// standard error of its t-interval over the replicates; null otherwise.
    /// </summary>
    public double? DetectableEffect { get; init; }

    /// <summary>
    /// Whether the difference is claimed: a primary comparison with at least 2 replicates, both intervals excluding 0,
    /// <see cref="PHolm"/> below 0.05, and every pretrained arm of it past the context gate. Exploratory comparisons are never claimed.
    /// </summary>
    public bool Claimed { get; init; }
}

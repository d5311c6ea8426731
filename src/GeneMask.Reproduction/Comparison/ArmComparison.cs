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

    /// <summary>What was paired: test examples (M2) or seeds (M3), and how many.</summary>
    public required string PairedOver { get; init; }

    /// <summary>Number of pairs.</summary>
    public int Pairs { get; init; }

    /// <summary>Mean accuracy of <see cref="Arm"/> minus that of <see cref="Reference"/>.</summary>
    public double Difference { get; init; }

    /// <summary>Paired-bootstrap 95 % interval of the difference.</summary>
    [JsonPropertyName("ci95")]
    public required double[] Ci95 { get; init; }

    /// <summary>Two-sided paired t-test p-value (NaN when all differences are 0).</summary>
    public double P { get; init; }

    /// <summary>Whether the difference is claimed: the interval excludes 0 and the gate passed.</summary>
    public bool Claimed { get; init; }
}

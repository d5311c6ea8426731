namespace GeneMask.Pmi;

/// <summary>How PMI, normalised PMI and the ranking are computed from counts (<see cref="PmiTable.Compute"/>).</summary>
public sealed class PmiOptions
{
    /// <summary>The default minimum count c of GeneMask.</summary>
    public const int DefaultMinCount = 101;

    /// <summary>The k-mer length ranked, 2…<see cref="NgramCounts.MaxK"/>. Default 6.</summary>
    public int K { get; set; } = 6;

    /// <summary>
    /// Minimum count c: k-mers seen fewer times get no normalised PMI and rank after all others; c also enters
    /// <c>NPMI = PMI · ln f / (ln c + ln f)</c>. At least 1. Default 101.
    /// </summary>
    public int MinCount { get; set; } = DefaultMinCount;

    /// <summary>Which PMI is ranked: the paper's (default) or the published GeneMask recipe.</summary>
    public PmiDefinition Definition { get; set; } = PmiDefinition.Paper;
}

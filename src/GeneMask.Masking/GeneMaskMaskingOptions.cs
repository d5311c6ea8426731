namespace GeneMask.Masking;

/// <summary>Options of <see cref="GeneMaskMasking"/>. The compatibility switches are off by default.</summary>
public sealed class GeneMaskMaskingOptions
{
    /// <summary>GeneMask's centre probability, 0.15 / 8.5 ≈ 0.0176 (half the centres mask 6 tokens, half 11).</summary>
    public const double DefaultProbability = 0.15 / 8.5;

    /// <summary>Upstream's value of <see cref="KeepAllCentresUpTo"/>: 8.</summary>
    public const int UpstreamKeepAllCentresUpTo = 8;

    /// <summary>Probability that each maskable position is a centre. Default 0.15 / 8.5.</summary>
    public double Probability { get; set; } = DefaultProbability;

    /// <summary>How ranks are looked up. Default <see cref="RankLookup.ByToken"/>; <see cref="RankLookup.ByPosition"/> reproduces the upstream defect.</summary>
    public RankLookup RankLookup { get; set; } = RankLookup.ByToken;

    /// <summary>How [UNK] ranks. Default <see cref="UnknownKmerRank.Worst"/>; <see cref="UnknownKmerRank.Best"/> is upstream's GeneMask.</summary>
    public UnknownKmerRank UnknownKmerRank { get; set; } = UnknownKmerRank.Worst;

    /// <summary>
    /// When a row has at most this many centres, every centre (not only the best half) gets a widened span.
    /// Default 0 (off: always the best ⌈n/2⌉); upstream used <see cref="UpstreamKeepAllCentresUpTo"/> (8).
    /// </summary>
    public int KeepAllCentresUpTo { get; set; }
}

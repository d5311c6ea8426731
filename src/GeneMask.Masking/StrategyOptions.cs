namespace GeneMask.Masking;

/// <summary>Options of <see cref="RandomTokenMasking"/> (BERT).</summary>
public sealed class RandomTokenMaskingOptions
{
    /// <summary>BERT's probability, 0.15.</summary>
    public const double DefaultProbability = 0.15;

    /// <summary>Probability that each maskable token is predicted. Default 0.15.</summary>
    public double Probability { get; set; } = DefaultProbability;
}

/// <summary>Options of <see cref="KmerSpanMasking"/> (DNABERT).</summary>
public sealed class KmerSpanMaskingOptions
{
    /// <summary>DNABERT's centre probability, 0.025 (0.15 / 6: six tokens per span).</summary>
    public const double DefaultProbability = 0.025;

    /// <summary>The k-mer length, which sets the span (k tokens). Default 6.</summary>
    public int K { get; set; } = 6;

    /// <summary>Probability that each maskable position is a span centre. Default 0.025.</summary>
    public double Probability { get; set; } = DefaultProbability;
}

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

/// <summary>Options of <see cref="GlobalPmiMasking"/>. The compatibility switches are off by default.</summary>
public sealed class GlobalPmiMaskingOptions
{
    /// <summary>Global's probability, 0.15 / 11 ≈ 0.0136 (11 tokens per pick).</summary>
    public const double DefaultProbability = 0.15 / 11;

    /// <summary>
    /// The probability whose Bernoulli draws over a row's maskable positions give the number of picks m. Default 0.15 / 11.
    /// </summary>
    public double Probability { get; set; } = DefaultProbability;

    /// <summary>How ranks are looked up. Default <see cref="RankLookup.ByToken"/>; <see cref="RankLookup.ByPosition"/> reproduces the upstream defect.</summary>
    public RankLookup RankLookup { get; set; } = RankLookup.ByToken;

    /// <summary>How [UNK] ranks. Default <see cref="UnknownKmerRank.Worst"/> (also upstream's choice for Global).</summary>
    public UnknownKmerRank UnknownKmerRank { get; set; } = UnknownKmerRank.Worst;
}

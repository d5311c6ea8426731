namespace GeneMask.Masking;

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

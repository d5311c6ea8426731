namespace GeneMask.Masking;

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

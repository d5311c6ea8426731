namespace GeneMask.Samples.Tests;

/// <summary>Options of <see cref="WideSpanMasking"/>.</summary>
public sealed class WideSpanMaskingOptions
{
    /// <summary>The k-mer length, which sets the span (2k − 1 tokens). Default 6; the catalogue entry takes the PMI table's.</summary>
    public int K { get; set; } = 6;

    /// <summary>Probability that each maskable position is a centre. Default 0.15 / 11 (Global's: 11 tokens per centre).</summary>
    public double Probability { get; set; } = 0.15 / 11;
}

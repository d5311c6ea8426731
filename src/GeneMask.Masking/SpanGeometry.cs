namespace GeneMask.Masking;

/// <summary>
/// Where the spans of a k-mer strategy reach. k consecutive k-mers share a base, so a centre c masks
/// c − ⌊(k−1)/2⌋ … c + ⌈(k−1)/2⌉ (k tokens; for k = 6: c−2 … c+3, DNABERT's offsets for every k it supports), and a
/// widened span around b masks b − (k−1) … b + (k−1) (2k − 1 tokens: every k-mer overlapping the one at b; 11 for k = 6).
/// </summary>
public readonly record struct SpanGeometry
{
    /// <summary>The geometry for k-mers of length <paramref name="k"/>.</summary>
    public SpanGeometry(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        Left = (k - 1) / 2;
        Right = k - 1 - Left;
    }

    /// <summary>The k-mer length.</summary>
    public int K { get; }

    /// <summary>Tokens masked before a centre, ⌊(k−1)/2⌋.</summary>
    public int Left { get; }

    /// <summary>Tokens masked after a centre, ⌈(k−1)/2⌉.</summary>
    public int Right { get; }

    /// <summary>Tokens masked on each side of a widened span's middle, k − 1.</summary>
    public int WideRadius => K - 1;

    /// <summary>Length of an unclipped span, k.</summary>
    public int SpanLength => K;

    /// <summary>Length of an unclipped widened span, 2k − 1.</summary>
    public int WideSpanLength => (2 * K) - 1;
}

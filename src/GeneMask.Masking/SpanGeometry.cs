using System.Runtime.InteropServices;

namespace GeneMask.Masking;

/// <summary>
/// Where the spans of a k-mer strategy reach, and the marking of them in a row's selection flags. k consecutive k-mers share a base, so a centre c masks
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

    /// <summary>
    /// Selects the span of <paramref name="centre"/>, centre − <see cref="Left"/> … centre + <see cref="Right"/>, clipped
    /// to the maskable positions 1 … <paramref name="end"/> (<see cref="MaskingBatch.LastMaskable"/>).
    /// </summary>
    /// <param name="row">One row's selection flags (position 0 is [CLS]).</param>
    /// <param name="centre">The span's centre.</param>
    /// <param name="end">The row's last maskable position.</param>
    public void MarkSpan(Span<bool> row, int centre, int end) => Mark(row, centre - Left, centre + Right, end);

    /// <summary>
    /// Selects the widened span around <paramref name="middle"/>, middle − (k−1) … middle + (k−1): every k-mer that shares
    /// a base with the one at <paramref name="middle"/>, clipped to the maskable positions 1 … <paramref name="end"/>.
    /// </summary>
    /// <param name="row">One row's selection flags (position 0 is [CLS]).</param>
    /// <param name="middle">The widened span's middle.</param>
    /// <param name="end">The row's last maskable position.</param>
    public void MarkWideSpan(Span<bool> row, int middle, int end) => Mark(row, middle - WideRadius, middle + WideRadius, end);

    /// <summary>Sets flags lo … hi clipped to [1, end].</summary>
    internal static void Mark(Span<bool> row, int lo, int hi, int end)
    {
        lo = Math.Max(lo, 1);
        hi = Math.Min(hi, end);
        if (hi >= lo)
        {
            row.Slice(lo, hi - lo + 1).Fill(true);
        }
    }

    /// <summary>The number of flags set in a row.</summary>
    internal static int CountSelected(ReadOnlySpan<bool> row) =>
        MemoryMarshal.Cast<bool, byte>(row).Count((byte)1);
}

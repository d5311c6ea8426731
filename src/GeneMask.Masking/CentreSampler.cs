using System.Runtime.CompilerServices;
using GeneMask.Infrastructure;

namespace GeneMask.Masking;

/// <summary>
/// Independent Bernoulli(p) draws over positions first … last, in ascending order: how the built-in strategies choose
/// their centres (and Global its number of picks), available to any strategy. One 64-bit output of the generator decides
/// two positions (low 32 bits the first, high 32 bits the next), so a 510-token row costs 255 draws.
/// </summary>
/// <remarks>
/// The threshold is <see cref="MaskRandom.Threshold32"/>(p). The three methods make the same draws, so for the same
/// generator state they agree on which positions succeed. Pass the batch's generator by reference: the draws advance it.
/// </remarks>
public static class CentreSampler
{
    /// <summary>Writes the successful positions in ascending order; returns how many.</summary>
    /// <param name="random">The batch's generator, advanced by ⌈(last − first + 1) / 2⌉ outputs.</param>
    /// <param name="first">The first position drawn for (1 for a row's first k-mer).</param>
    /// <param name="last">The last position drawn for (<see cref="MaskingBatch.LastMaskable"/>).</param>
    /// <param name="threshold">The success threshold, <see cref="MaskRandom.Threshold32"/>(p).</param>
    /// <param name="centres">Receives the positions; room for last − first + 1 of them.</param>
    public static int Sample(ref SeededRandom random, int first, int last, ulong threshold, Span<int> centres)
    {
        var n = 0;
        var pos = first;
        while (pos <= last)
        {
            var bits = random.NextUInt64();
            if ((uint)bits < threshold)
            {
                centres[n++] = pos;
            }

            if (++pos <= last && (uint)(bits >> 32) < threshold)
            {
                centres[n++] = pos;
            }

            pos++;
        }

        return n;
    }

    /// <summary>Sets the flag of every successful position (other flags are left as they are); returns how many.</summary>
    /// <param name="random">The batch's generator.</param>
    /// <param name="first">The first position drawn for.</param>
    /// <param name="last">The last position drawn for.</param>
    /// <param name="threshold">The success threshold, <see cref="MaskRandom.Threshold32"/>(p).</param>
    /// <param name="flags">One row's flags, indexed by position.</param>
    public static int SampleFlags(ref SeededRandom random, int first, int last, ulong threshold, Span<bool> flags)
    {
        var n = 0;
        var pos = first;
        while (pos <= last)
        {
            var bits = random.NextUInt64();
            if ((uint)bits < threshold)
            {
                flags[pos] = true;
                n++;
            }

            if (++pos <= last && (uint)(bits >> 32) < threshold)
            {
                flags[pos] = true;
                n++;
            }

            pos++;
        }

        return n;
    }

    /// <summary>The number of successes only (the same draws as <see cref="Sample"/>).</summary>
    /// <param name="random">The batch's generator.</param>
    /// <param name="first">The first position drawn for.</param>
    /// <param name="last">The last position drawn for.</param>
    /// <param name="threshold">The success threshold, <see cref="MaskRandom.Threshold32"/>(p).</param>
    public static int Count(ref SeededRandom random, int first, int last, ulong threshold)
    {
        var n = 0;
        var pos = first;
        while (pos <= last)
        {
            var bits = random.NextUInt64();
            n += Success((uint)bits, threshold);
            if (++pos <= last)
            {
                n += Success((uint)(bits >> 32), threshold);
            }

            pos++;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Success(uint bits, ulong threshold) => bits < threshold ? 1 : 0;
}

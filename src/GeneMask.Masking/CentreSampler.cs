using System.Runtime.CompilerServices;
using GeneMask.Infrastructure;

namespace GeneMask.Masking;

/// <summary>
/// Independent Bernoulli(p) draws over positions first … last, in ascending order. One 64-bit output of the generator
/// decides two positions (low 32 bits the first, high 32 bits the next), so a 510-token row costs 255 draws.
/// </summary>
internal static class CentreSampler
{
    /// <summary>Writes the successful positions in ascending order; returns how many.</summary>
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

    /// <summary>Sets the flag of every successful position; returns how many.</summary>
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

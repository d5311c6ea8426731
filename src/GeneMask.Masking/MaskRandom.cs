using System.Runtime.CompilerServices;
using GeneMask.Infrastructure;

namespace GeneMask.Masking;

/// <summary>
/// How masking derives its random numbers: never one long-lived generator, but a <see cref="SeededRandom"/> per batch
/// derived from (seed, batch index, purpose) with <see cref="ForBatch"/>.
/// </summary>
/// <remarks>
/// The mask of a batch therefore depends only on the seed, the batch index, its rows and the strategy, which is what
/// makes resuming and background production deterministic.
/// </remarks>
public static class MaskRandom
{
    /// <summary>
    /// The generator of one batch: a function of the seed, the batch index and the stream only, so batch
    /// <paramref name="batchIndex"/> gets the same random numbers whichever thread makes it and in whatever order.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="batchIndex">The batch's index in the run (0-based).</param>
    /// <param name="purpose">An independent stream per purpose, so that e.g. the choice of positions does not change
    /// when the 80/10/10 probabilities do.</param>
    public static SeededRandom ForBatch(ulong seed, long batchIndex, MaskRandomPurpose purpose)
    {
        var h = SeededRandom.Mix(seed + 0x9E3779B97F4A7C15UL);
        h = SeededRandom.Mix(h ^ ((ulong)batchIndex * 0xD1B54A32D192ED03UL + 0x8CB92BA72F3D8DD7UL));
        h = SeededRandom.Mix(h ^ ((ulong)purpose * 0xAEF17502108EF2D9UL + 0x4F1BBCDCBFA53E0BUL));
        return new SeededRandom(h);
    }

    /// <summary>
    /// The 32-bit threshold of a Bernoulli(<paramref name="probability"/>) draw: a uniform 32-bit value below it is a
    /// success. Exact to 2^-32; 0 never succeeds and 1 always does (see <see cref="Bernoulli32"/>).
    /// </summary>
    /// <param name="probability">The success probability in [0, 1].</param>
    public static ulong Threshold32(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must be in [0, 1].");
        }

        // Computed in double, then truncated: deterministic on every platform (IEEE 754, no transcendental functions).
        return (ulong)Math.Floor(probability * 4294967296.0);
    }

    /// <summary>Whether a uniform 32-bit value <paramref name="bits"/> is a success under <paramref name="threshold"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Bernoulli32(uint bits, ulong threshold) => bits < threshold;
}

using System.Runtime.CompilerServices;

namespace GeneMask.Masking;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64) whose output is defined by this code
/// alone, so masks are identical on every .NET version, operating system and thread count.
/// </summary>
/// <remarks>
/// Masking never uses one long-lived generator: the generator of batch <c>b</c> under seed <c>s</c> is derived from
/// (<c>s</c>, <c>b</c>, stream) with <see cref="ForBatch"/>. The mask of a batch therefore depends only on the seed, the
/// batch index, its rows and the strategy, which is what makes resuming and background production deterministic.
/// The struct is mutable: pass it by <see langword="ref"/>.
/// </remarks>
public struct MaskRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public MaskRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// The generator of one batch: a function of the seed, the batch index and the stream only, so batch
    /// <paramref name="batchIndex"/> gets the same random numbers whichever thread makes it and in whatever order.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="batchIndex">The batch's index in the run (0-based).</param>
    /// <param name="purpose">An independent stream per purpose, so that e.g. the choice of positions does not change
    /// when the 80/10/10 probabilities do.</param>
    public static MaskRandom ForBatch(ulong seed, long batchIndex, MaskRandomPurpose purpose)
    {
        var h = Mix(seed + 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ ((ulong)batchIndex * 0xD1B54A32D192ED03UL + 0x8CB92BA72F3D8DD7UL));
        h = Mix(h ^ ((ulong)purpose * 0xAEF17502108EF2D9UL + 0x4F1BBCDCBFA53E0BUL));
        return new MaskRandom(h);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitRotate(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    /// <param name="maxExclusive">The exclusive upper bound, at least 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The bound must be positive.");
        }

        var range = (uint)maxExclusive;
        var product = (ulong)(uint)(NextUInt64() >> 32) * range;
        var low = (uint)product;
        if (low < range)
        {
            var threshold = (0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)(uint)(NextUInt64() >> 32) * range;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The independent random streams of a batch (see <see cref="MaskRandom.ForBatch"/>).</summary>
public enum MaskRandomPurpose
{
    /// <summary>The choice of positions to predict (the strategy).</summary>
    Positions = 1,

    /// <summary>The 80/10/10 replacement of the chosen positions.</summary>
    Replacement = 2,

    /// <summary>Random choices of a curriculum (e.g. CM-Step's strategy draw per batch).</summary>
    Curriculum = 3,
}

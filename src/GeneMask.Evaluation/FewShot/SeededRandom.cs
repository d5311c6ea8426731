namespace GeneMask.Evaluation.FewShot;

/// <summary>
/// SplitMix64: a tiny generator whose output is fixed by its seed alone (no dependence on the runtime's Random
/// implementation), so that few-shot draws are the same on every machine and .NET version.
/// </summary>
internal struct SeededRandom
{
    private ulong _state;

    public SeededRandom(long seed, long stream)
    {
        _state = Mix(unchecked((ulong)seed) ^ Mix(unchecked((ulong)stream) + 0x632BE59BD9B4E019UL));
    }

    /// <summary>Uniform integer in [0, bound) without modulo bias (Lemire's method with rejection).</summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var limit = (ulong)bound;
        var threshold = (0UL - limit) % limit;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), limit, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// The order in which training rows are visited: epoch after epoch, each a permutation of all rows drawn from
/// (seed, epoch) alone, so the row of any micro-batch slot can be recomputed after a resume.
/// </summary>
internal sealed class DataOrder
{
    private readonly long _rowCount;
    private readonly long _seed;
    private readonly Lock _lock = new();
    private long _epoch = -1;
    private long[] _permutation = [];

    public DataOrder(long rowCount, long seed)
    {
        if (rowCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, "The training corpus has no rows.");
        }

        _rowCount = rowCount;
        _seed = seed;
    }

    /// <summary>The corpus row at global position <paramref name="index"/> (micro-batch × batch size + slot).</summary>
    public long RowAt(long index)
    {
        var epoch = index / _rowCount;
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                _permutation = Permutation(epoch);
                _epoch = epoch;
            }

            return _permutation[index % _rowCount];
        }
    }

    private long[] Permutation(long epoch)
    {
        var permutation = new long[_rowCount];
        for (long i = 0; i < permutation.Length; i++)
        {
            permutation[i] = i;
        }

        var state = (ulong)OptimizerSetup.DeriveSeed(_seed, epoch);
        for (var i = permutation.LongLength - 1; i > 0; i--)
        {
            var j = (long)(SplitMix64(ref state) % (ulong)(i + 1));
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        return permutation;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

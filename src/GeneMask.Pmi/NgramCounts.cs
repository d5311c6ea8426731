using GeneMask.Tokenization;

namespace GeneMask.Pmi;

/// <summary>
/// Counts of every n-gram of length 1…<see cref="K"/>, one flat array per length indexed by the n-gram's 2-bit code
/// (<see cref="Nucleotides"/>: A,T,C,G; the first base is the most significant digit).
/// </summary>
/// <remarks>
/// Counts are additive: counting shards of a corpus separately and merging them (<see cref="Merge"/>) gives the
/// counts of the whole. The number of windows of a length is the sum of the counts of that length. All totals are
/// 64-bit. Instances are immutable.
/// </remarks>
public sealed partial class NgramCounts
{
    /// <summary>The largest supported n-gram length: 4^12 counts of 8 bytes = 128 MiB for the longest length.</summary>
    public const int MaxK = 12;

    private readonly long[][] _counts;
    private readonly long[] _windows;

    internal NgramCounts(int k, long[][] counts)
    {
        ValidateK(k, nameof(k));
        K = k;
        _counts = counts;
        _windows = new long[k + 1];
        for (var n = 1; n <= k; n++)
        {
            if (counts[n].Length != Nucleotides.KmerCount(n))
            {
                throw new ArgumentException($"Length {n} needs {Nucleotides.KmerCount(n)} counts, got {counts[n].Length}.", nameof(counts));
            }

            long sum = 0;
            foreach (var c in counts[n])
            {
                if (c < 0)
                {
                    throw new ArgumentException($"Counts must not be negative (length {n}).", nameof(counts));
                }

                sum = checked(sum + c);
            }

            _windows[n] = sum;
        }
    }

    /// <summary>The longest n-gram length counted.</summary>
    public int K { get; }

    /// <summary>The number of bases counted (windows of length 1).</summary>
    public long Bases => _windows[1];

    /// <summary>Counts with all zeros for lengths 1…<paramref name="k"/>.</summary>
    public static NgramCounts Empty(int k)
    {
        ValidateK(k, nameof(k));
        return new NgramCounts(k, AllocateArrays(k));
    }

    /// <summary>The number of windows of length <paramref name="n"/>: the sum of the counts of that length.</summary>
    public long Windows(int n)
    {
        CheckLength(n);
        return _windows[n];
    }

    /// <summary>The counts of all n-grams of length <paramref name="n"/>, indexed by code.</summary>
    public ReadOnlySpan<long> CountsOfLength(int n)
    {
        CheckLength(n);
        return _counts[n];
    }

    /// <summary>The count of the n-gram of length <paramref name="n"/> with 2-bit code <paramref name="code"/>.</summary>
    public long Count(int n, int code)
    {
        CheckLength(n);
        return _counts[n][code];
    }

    /// <summary>The count of an n-gram written as bases (A/C/G/T, either case).</summary>
    /// <exception cref="ArgumentException">The text is empty, longer than <see cref="K"/> or holds a non-ACGT character.</exception>
    public long Count(ReadOnlySpan<char> ngram)
    {
        if (ngram.IsEmpty || ngram.Length > K)
        {
            throw new ArgumentException($"An n-gram has 1..{K} bases; got '{ngram}'.", nameof(ngram));
        }

        return _counts[ngram.Length][Kmers.Encode(ngram, nameof(ngram))];
    }

    /// <summary>
    /// Sums shard counts into the counts of the whole. All shards must have the same <see cref="K"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No shards, or shards of different lengths.</exception>
    /// <exception cref="OverflowException">A sum exceeds 64 bits.</exception>
    public static NgramCounts Merge(IEnumerable<NgramCounts> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        long[][]? sum = null;
        var k = 0;
        foreach (var shard in shards)
        {
            ArgumentNullException.ThrowIfNull(shard, nameof(shards));
            if (sum is null)
            {
                k = shard.K;
                sum = AllocateArrays(k);
            }
            else if (shard.K != k)
            {
                throw new ArgumentException($"Cannot merge counts of n ≤ {shard.K} into counts of n ≤ {k}: all shards must be counted with the same K.", nameof(shards));
            }

            for (var n = 1; n <= k; n++)
            {
                var target = sum[n];
                var source = shard._counts[n];
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = checked(target[i] + source[i]);
                }
            }
        }

        return sum is null
            ? throw new ArgumentException("Nothing to merge: no shards given.", nameof(shards))
            : new NgramCounts(k, sum);
    }

    /// <summary>
    /// Counts of both strands: each n-gram's count plus the count of its reverse complement (the reverse strand of a
    /// sequence holds <c>s</c> exactly where the forward strand holds its reverse complement).
    /// </summary>
    public NgramCounts WithReverseStrand()
    {
        var result = AllocateArrays(K);
        for (var n = 1; n <= K; n++)
        {
            var source = _counts[n];
            var target = result[n];
            for (var code = 0; code < source.Length; code++)
            {
                target[code] = checked(source[code] + source[(int)Nucleotides.ReverseComplement(code, n)]);
            }
        }

        return new NgramCounts(K, result);
    }

    /// <summary>Whether two count sets are identical (same K, every count equal).</summary>
    public bool ContentEquals(NgramCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K)
        {
            return false;
        }

        for (var n = 1; n <= K; n++)
        {
            if (!_counts[n].AsSpan().SequenceEqual(other._counts[n]))
            {
                return false;
            }
        }

        return true;
    }

    internal long[] ArrayOfLength(int n) => _counts[n];

    internal static long[][] AllocateArrays(int k)
    {
        var arrays = new long[k + 1][];
        arrays[0] = [];
        for (var n = 1; n <= k; n++)
        {
            arrays[n] = new long[Nucleotides.KmerCount(n)];
        }

        return arrays;
    }

    internal static void ValidateK(int k, string paramName)
    {
        if (k is < 1 or > MaxK)
        {
            throw new ArgumentOutOfRangeException(paramName, k, $"K (the longest n-gram counted) must be between 1 and {MaxK}.");
        }
    }

    private void CheckLength(int n)
    {
        if (n < 1 || n > K)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be between 1 and {K}.");
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GeneMask.Tokenization;

namespace GeneMask.Pmi;

/// <summary>
/// The counting kernel: one pass over the bases with a rolling 2-bit code, one increment per base.
/// </summary>
/// <remarks>
/// Every window of length n ≤ K that ends at a base preceded by at least K − 1 valid bases is the n-suffix of the
/// K-gram ending there, so the hot loop counts only K-grams; shorter n-grams are recovered at the end by summing
/// K-gram counts over their suffixes (<see cref="AddTo"/>). Only the first K − 1 bases of each run of A/C/G/T
/// (after a start, an N or another non-base) are counted per length directly. Windows never span a non-base or a
/// <see cref="Break"/>. Lower case counts as upper case. Not thread-safe: one accumulator per thread.
/// </remarks>
internal sealed unsafe class NgramAccumulator
{
    private readonly int _k;
    private readonly uint _mask;

    // 32-bit counters keep the hot table small; they are flushed into 64-bit totals before 2^32 bases.
    private readonly uint[] _top;
    private long[]? _topTotals;
    private readonly ulong _flushEvery;
    private ulong _sinceFlush;
    private readonly long[][] _heads;
    private uint _code;
    private int _run;

    public NgramAccumulator(int k, ulong flushEvery = uint.MaxValue)
    {
        _flushEvery = flushEvery;
        NgramCounts.ValidateK(k, nameof(k));
        _k = k;
        _mask = (uint)Nucleotides.KmerCount(k) - 1;
        _top = new uint[Nucleotides.KmerCount(k)];
        _heads = NgramCounts.AllocateArrays(Math.Max(1, k - 1));
    }

    public int K => _k;

    /// <summary>Bases seen by <see cref="Add"/> (every byte, valid or not).</summary>
    public long BytesSeen { get; private set; }

    /// <summary>Ends the current sequence: no window spans the break.</summary>
    public void Break() => _run = 0;

    /// <summary>Advances the rolling state over bases whose windows another accumulator counts (chunk overlap).</summary>
    public void Prime(ReadOnlySpan<byte> bases)
    {
        var codes = Nucleotides.CodeTable;
        foreach (var b in bases)
        {
            uint c = codes[b];
            if (c > 3)
            {
                _run = 0;
                continue;
            }

            _code = (_code << 2) | c;
            if (_run < _k)
            {
                _run++;
            }
        }
    }

    /// <summary>Counts every window that ends in <paramref name="bases"/>, continuing the current sequence.</summary>
    public void Add(ReadOnlySpan<byte> bases)
    {
        if (_sinceFlush + (ulong)bases.Length > _flushEvery)
        {
            Flush();
        }

        _sinceFlush += (ulong)bases.Length;
        BytesSeen += bases.Length;
        fixed (byte* start = bases)
        fixed (uint* top = _top)
        {
            AddCore(start, bases.Length, top);
        }
    }

    private void AddCore(byte* start, int length, uint* top)
    {
        ref var codes = ref MemoryMarshal.GetReference(Nucleotides.CodeTable);
        var mask = _mask;
        var code = _code;
        var run = _run;
        var k = _k;
        var i = 0;
        while (i < length)
        {
            if (run == k)
            {
                // Hot loop: inside a run of valid bases every position ends exactly one new K-gram.
                for (; i < length; i++)
                {
                    uint c = Unsafe.Add(ref codes, start[i]);
                    if (c > 3)
                    {
                        break;
                    }

                    code = ((code << 2) | c) & mask;
                    top[code]++;
                }

                if (i == length)
                {
                    break;
                }

                run = 0;
                i++;
                continue;
            }

            uint next = Unsafe.Add(ref codes, start[i]);
            i++;
            if (next > 3)
            {
                run = 0;
                continue;
            }

            code = ((code << 2) | next) & mask;
            run++;
            if (run == k)
            {
                top[code]++;
            }
            else
            {
                for (var n = 1; n <= run; n++)
                {
                    _heads[n][code & ((1u << (2 * n)) - 1)]++;
                }
            }
        }

        _code = code;
        _run = run;
    }

    /// <summary>Moves the 32-bit K-gram counters into the 64-bit totals (before they could overflow).</summary>
    private void Flush()
    {
        _topTotals ??= new long[_top.Length];
        for (var i = 0; i < _top.Length; i++)
        {
            _topTotals[i] += _top[i];
        }

        Array.Clear(_top);
        _sinceFlush = 0;
    }

    /// <summary>Adds this accumulator's counts of every length to <paramref name="counts"/> (index = length).</summary>
    public void AddTo(long[][] counts)
    {
        // g_K = K-gram counts; g_{n-1}[s] = sum of g_n over the n-grams whose (n-1)-suffix is s.
        Flush();
        var level = _topTotals!;
        AddArray(counts[_k], level);
        for (var n = _k - 1; n >= 1; n--)
        {
            var shorter = new long[Nucleotides.KmerCount(n)];
            var suffixMask = shorter.Length - 1;
            for (var code = 0; code < level.Length; code++)
            {
                shorter[code & suffixMask] += level[code];
            }

            AddArray(counts[n], shorter);
            AddArray(counts[n], _heads[n]);
            level = shorter;
        }
    }

    private static void AddArray(long[] target, long[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = checked(target[i] + source[i]);
        }
    }
}

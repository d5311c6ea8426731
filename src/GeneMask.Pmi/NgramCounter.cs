using System.Text;

namespace GeneMask.Pmi;

/// <summary>
/// Counts the n-grams (n = 1…K) of sequences fed to it piece by piece: a single-threaded, streaming counter.
/// </summary>
/// <remarks>
/// <see cref="Append(ReadOnlySpan{byte})"/> continues the current sequence (so FASTA lines can be fed one by one);
/// <see cref="EndSequence"/> starts a new one. Windows never span the end of a sequence or a non-A/C/G/T byte
/// (N, IUPAC codes, gaps); lower-case (soft-masked) bases count as upper case. For many files or long records on
/// several threads use <see cref="GenomeCounter"/>, which gives identical counts.
/// </remarks>
public sealed class NgramCounter
{
    private readonly NgramAccumulator _accumulator;

    /// <summary>Creates a counter of n-grams of length 1…<paramref name="k"/>.</summary>
    /// <param name="k">The longest n-gram counted (1…<see cref="NgramCounts.MaxK"/>).</param>
    /// <param name="bothStrands">Whether to count the reverse strand as well (each n-gram plus its reverse complement).</param>
    public NgramCounter(int k, bool bothStrands = false)
    {
        _accumulator = new NgramAccumulator(k);
        BothStrands = bothStrands;
    }

    /// <summary>The longest n-gram counted.</summary>
    public int K => _accumulator.K;

    /// <summary>Whether the reverse strand is counted too.</summary>
    public bool BothStrands { get; }

    /// <summary>Bytes fed so far, valid bases or not.</summary>
    public long BytesSeen => _accumulator.BytesSeen;

    /// <summary>Feeds the next bases of the current sequence (ASCII).</summary>
    public void Append(ReadOnlySpan<byte> bases) => _accumulator.Add(bases);

    /// <summary>Feeds the next bases of the current sequence.</summary>
    public void Append(string bases)
    {
        ArgumentNullException.ThrowIfNull(bases);
        Append(Encoding.ASCII.GetBytes(bases));
    }

    /// <summary>Ends the current sequence: no window spans this point.</summary>
    public void EndSequence() => _accumulator.Break();

    /// <summary>The counts so far.</summary>
    public NgramCounts ToCounts()
    {
        var arrays = NgramCounts.AllocateArrays(K);
        _accumulator.AddTo(arrays);
        var counts = new NgramCounts(K, arrays);
        return BothStrands ? counts.WithReverseStrand() : counts;
    }

    /// <summary>Counts the n-grams of one sequence.</summary>
    public static NgramCounts Count(ReadOnlySpan<byte> sequence, int k, bool bothStrands = false)
    {
        var counter = new NgramCounter(k, bothStrands);
        counter.Append(sequence);
        return counter.ToCounts();
    }

    /// <summary>Counts the n-grams of one sequence.</summary>
    public static NgramCounts Count(string sequence, int k, bool bothStrands = false)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return Count(Encoding.ASCII.GetBytes(sequence), k, bothStrands);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>
/// The NPMI rank of a position as a PMI-guided strategy sees it, with the lookup key and the [UNK] rule applied: the
/// lookup <see cref="GeneMaskMasking"/> and <see cref="GlobalPmiMasking"/> use, available to any strategy. Lower is
/// better (rank 0 is the k-mer of highest NPMI); immutable and thread-safe.
/// </summary>
public sealed class RankSource
{
    private readonly int[] _ranks;
    private readonly int _worst;
    private readonly bool _byPosition;

    /// <summary>Creates the lookup.</summary>
    /// <param name="table">The NPMI ranking (copied: later changes to it are not seen).</param>
    /// <param name="lookup">What a position's rank is looked up by (<see cref="RankLookup.ByToken"/> unless reproducing upstream).</param>
    /// <param name="unknown">How [UNK] ranks (<see cref="UnknownKmerRank.Worst"/> unless reproducing upstream GeneMask).</param>
    public RankSource(PmiTable table, RankLookup lookup = RankLookup.ByToken, UnknownKmerRank unknown = UnknownKmerRank.Worst)
    {
        ArgumentNullException.ThrowIfNull(table);
        _ranks = table.RanksByTokenId.ToArray();
        _worst = table.WorstRank;
        _byPosition = lookup == RankLookup.ByPosition;
        _ranks[SpecialTokens.Unknown] = unknown == UnknownKmerRank.Best ? 0 : _worst;
    }

    /// <summary>The rank of k-mers the table does not rank (and, by default, of [UNK]): worse than every ranked k-mer.</summary>
    public int WorstRank => _worst;

    /// <summary>The rank of <paramref name="position"/> in <paramref name="row"/> (a model row: position 0 is [CLS]).</summary>
    /// <param name="row">The row's ids.</param>
    /// <param name="position">The position.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Rank(ReadOnlySpan<int> row, int position)
    {
        var key = _byPosition ? position : row[position];
        var ranks = _ranks;
        return (uint)key < (uint)ranks.Length ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ranks), key) : _worst;
    }
}

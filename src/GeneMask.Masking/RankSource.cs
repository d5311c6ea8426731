using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>The NPMI rank of a position as a PMI strategy sees it (lookup key and [UNK] handling applied).</summary>
internal sealed class RankSource
{
    private readonly int[] _ranks;
    private readonly int _worst;
    private readonly bool _byPosition;

    public RankSource(PmiTable table, RankLookup lookup, UnknownKmerRank unknown)
    {
        ArgumentNullException.ThrowIfNull(table);
        _ranks = table.RanksByTokenId.ToArray();
        _worst = table.WorstRank;
        _byPosition = lookup == RankLookup.ByPosition;
        _ranks[SpecialTokens.Unknown] = unknown == UnknownKmerRank.Best ? 0 : _worst;
    }

    public int WorstRank => _worst;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Rank(ReadOnlySpan<int> row, int position)
    {
        var key = _byPosition ? position : row[position];
        var ranks = _ranks;
        return (uint)key < (uint)ranks.Length ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ranks), key) : _worst;
    }
}

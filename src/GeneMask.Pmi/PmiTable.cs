using GeneMask.Tokenization;

namespace GeneMask.Pmi;

/// <summary>
/// The NPMI ranking of all 4^k k-mers: rank 1 is the k-mer with the highest normalised PMI. The masking strategies
/// look ranks up by token id on their hot path, so <see cref="RanksByTokenId"/> is a flat array.
/// </summary>
/// <remarks>
/// k-mers are indexed by their 2-bit code (<see cref="Nucleotides"/>, A,T,C,G order), which is the token id minus
/// <see cref="SpecialTokens.Count"/>. Special tokens and [UNK] have <see cref="WorstRank"/>: they are never preferred.
/// </remarks>
public sealed class PmiTable
{
    private readonly int[] _rankByTokenId;

    private PmiTable(int k, int[] rankByTokenId)
    {
        K = k;
        _rankByTokenId = rankByTokenId;
    }

    /// <summary>The k-mer length.</summary>
    public int K { get; }

    /// <summary>Number of k-mers, 4^k.</summary>
    public int KmerCount => Nucleotides.KmerCount(K);

    /// <summary>The rank given to special tokens and unknown k-mers: one past the last k-mer (4^k + 1).</summary>
    public int WorstRank => KmerCount + 1;

    /// <summary>Ranks indexed by token id (<see cref="SpecialTokens.Count"/> + 4^k entries).</summary>
    public ReadOnlySpan<int> RanksByTokenId => _rankByTokenId;

    /// <summary>The rank of a token id; <see cref="WorstRank"/> for special tokens and ids out of range.</summary>
    public int RankOfTokenId(int tokenId) =>
        (uint)tokenId < (uint)_rankByTokenId.Length ? _rankByTokenId[tokenId] : WorstRank;

    /// <summary>The rank of a k-mer by its 2-bit code.</summary>
    public int RankOfKmer(int kmerCode) => _rankByTokenId[SpecialTokens.Count + kmerCode];

    /// <summary>
    /// A table from ranks given by the caller (one per k-mer code, a permutation of 1…4^k), for custom rankings and tests.
    /// </summary>
    /// <exception cref="ArgumentException">The ranks are not a permutation of 1…4^k.</exception>
    public static PmiTable FromRanks(int k, ReadOnlySpan<int> rankByKmerCode)
    {
        if (k is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between {KmerTokenizer.MinK} and {KmerTokenizer.MaxK}.");
        }

        var count = Nucleotides.KmerCount(k);
        if (rankByKmerCode.Length != count)
        {
            throw new ArgumentException($"Expected {count} ranks for k = {k}, got {rankByKmerCode.Length}.", nameof(rankByKmerCode));
        }

        var seen = new bool[count + 1];
        var byToken = new int[SpecialTokens.Count + count];
        byToken.AsSpan(0, SpecialTokens.Count).Fill(count + 1);
        for (var code = 0; code < count; code++)
        {
            var rank = rankByKmerCode[code];
            if (rank < 1 || rank > count || seen[rank])
            {
                throw new ArgumentException($"Ranks must be a permutation of 1..{count}; k-mer code {code} has rank {rank}.", nameof(rankByKmerCode));
            }

            seen[rank] = true;
            byToken[SpecialTokens.Count + code] = rank;
        }

        return new PmiTable(k, byToken);
    }
}

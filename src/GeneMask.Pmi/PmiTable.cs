using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeneMask.Pmi;

/// <summary>
/// The NPMI ranking of all 4^k k-mers: rank 1 is the k-mer with the highest normalised PMI. The masking strategies
/// look ranks up by token id on their hot path, so <see cref="RanksByTokenId"/> is a flat array.
/// </summary>
/// <remarks>
/// <para>k-mers are indexed by their 2-bit code (<see cref="Nucleotides"/>, A,T,C,G order), which is the token id minus
/// <see cref="SpecialTokens.Count"/>. Special tokens and [UNK] have <see cref="WorstRank"/>: they are never preferred.</para>
/// <para>Ranking (deterministic): k-mers with a normalised PMI come first, by NPMI descending, equal NPMI → lower k-mer
/// code first; then the k-mers below the minimum count (no NPMI), by k-mer code ascending.</para>
/// <para>A table computed from counts (<see cref="Compute"/>) or loaded from CSV also carries the statistics: count,
/// naive PMI, the ranked PMI and NPMI per k-mer (NaN where undefined). A table made by <see cref="FromRanks"/> has
/// ranks only.</para>
/// <para>Tables are immutable and safe to share between threads.</para>
/// </remarks>
public sealed partial class PmiTable
{
    private readonly int[] _rankByTokenId;
    private readonly int[] _kmerByRank;
    private readonly Statistics? _statistics;

    private PmiTable(int k, int[] rankByTokenId, Statistics? statistics, PmiDefinition? definition, int? minCount)
    {
        K = k;
        _rankByTokenId = rankByTokenId;
        _statistics = statistics;
        Definition = definition;
        MinCount = minCount;
        _kmerByRank = new int[Nucleotides.KmerCount(k)];
        for (var code = 0; code < _kmerByRank.Length; code++)
        {
            _kmerByRank[rankByTokenId[SpecialTokens.Count + code] - 1] = code;
        }
    }

    /// <summary>The k-mer length.</summary>
    public int K { get; }

    /// <summary>Number of k-mers, 4^k.</summary>
    public int KmerCount => Nucleotides.KmerCount(K);

    /// <summary>The rank given to special tokens and unknown k-mers: one past the last k-mer (4^k + 1).</summary>
    public int WorstRank => KmerCount + 1;

    /// <summary>Ranks indexed by token id (<see cref="SpecialTokens.Count"/> + 4^k entries).</summary>
    public ReadOnlySpan<int> RanksByTokenId => _rankByTokenId;

    /// <summary>The PMI definition the ranking was computed with; null when unknown (ranks given or read from a CSV of ours).</summary>
    public PmiDefinition? Definition { get; }

    /// <summary>The minimum count c the normalisation used; null when unknown.</summary>
    public int? MinCount { get; }

    /// <summary>Whether counts and PMI values are available (false for <see cref="FromRanks"/> tables).</summary>
    public bool HasStatistics => _statistics is not null;

    /// <summary>Count per k-mer code; −1 where unknown (a published table whose count cannot be recovered).</summary>
    public ReadOnlySpan<long> Counts => Stats.Counts;

    /// <summary>Naive PMI per k-mer code (against the single bases); NaN where undefined (unseen k-mer).</summary>
    public ReadOnlySpan<double> NaivePmi => Stats.Naive;

    /// <summary>The ranked PMI per k-mer code under <see cref="Definition"/>; NaN where undefined.</summary>
    public ReadOnlySpan<double> Pmi => Stats.Pmi;

    /// <summary>Normalised PMI per k-mer code; NaN for k-mers below the minimum count.</summary>
    public ReadOnlySpan<double> Npmi => Stats.Npmi;

    private Statistics Stats => _statistics ?? throw new InvalidOperationException(
        "This table holds ranks only (made by FromRanks); counts and PMI values are not available.");

    /// <summary>The rank of a token id; <see cref="WorstRank"/> for special tokens and ids out of range.</summary>
    public int RankOfTokenId(int tokenId) =>
        (uint)tokenId < (uint)_rankByTokenId.Length ? _rankByTokenId[tokenId] : WorstRank;

    /// <summary>The rank of a k-mer by its 2-bit code.</summary>
    public int RankOfKmer(int kmerCode) => _rankByTokenId[SpecialTokens.Count + kmerCode];

    /// <summary>The rank of a k-mer written as bases (either case).</summary>
    /// <exception cref="ArgumentException">Not a k-mer of length <see cref="K"/> over A/C/G/T.</exception>
    public int RankOf(ReadOnlySpan<char> kmer) => RankOfKmer(CodeOf(kmer));

    /// <summary>The rank of a k-mer written as bases (either case).</summary>
    /// <exception cref="ArgumentException">Not a k-mer of length <see cref="K"/> over A/C/G/T.</exception>
    public int RankOf(string kmer)
    {
        ArgumentNullException.ThrowIfNull(kmer);
        return RankOf(kmer.AsSpan());
    }

    /// <summary>The 2-bit code of the k-mer at a rank (1…4^k).</summary>
    public int KmerCodeAtRank(int rank)
    {
        if (rank < 1 || rank > KmerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Ranks run from 1 to {KmerCount}.");
        }

        return _kmerByRank[rank - 1];
    }

    /// <summary>The k-mer text at a rank (1…4^k).</summary>
    public string KmerAtRank(int rank) => Kmers.Decode(KmerCodeAtRank(rank), K);

    /// <summary>Everything known about one k-mer, by code.</summary>
    public PmiEntry Entry(int kmerCode)
    {
        if ((uint)kmerCode >= (uint)KmerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(kmerCode), kmerCode, $"k-mer codes run from 0 to {KmerCount - 1}.");
        }

        var stats = _statistics;
        return new PmiEntry(
            Kmers.Decode(kmerCode, K),
            kmerCode,
            RankOfKmer(kmerCode),
            stats is null || stats.Counts[kmerCode] < 0 ? null : stats.Counts[kmerCode],
            stats is null ? null : NullIfNaN(stats.Naive[kmerCode]),
            stats is null ? null : NullIfNaN(stats.Pmi[kmerCode]),
            stats is null ? null : NullIfNaN(stats.Npmi[kmerCode]));
    }

    /// <summary>Everything known about one k-mer, by text.</summary>
    public PmiEntry Entry(ReadOnlySpan<char> kmer) => Entry(CodeOf(kmer));

    /// <summary>The <paramref name="count"/> best-ranked k-mers, rank 1 first.</summary>
    public IReadOnlyList<PmiEntry> Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, KmerCount);
        var result = new PmiEntry[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Entry(_kmerByRank[i]);
        }

        return result;
    }

    /// <summary>
    /// A table from ranks given by the caller (one per k-mer code, a permutation of 1…4^k), for custom rankings and tests.
    /// </summary>
    /// <exception cref="ArgumentException">The ranks are not a permutation of 1…4^k.</exception>
    public static PmiTable FromRanks(int k, ReadOnlySpan<int> rankByKmerCode)
    {
        if (k is < 1 or > NgramCounts.MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {NgramCounts.MaxK}.");
        }

        var count = Nucleotides.KmerCount(k);
        if (rankByKmerCode.Length != count)
        {
            throw new ArgumentException($"Expected {count} ranks for k = {k}, got {rankByKmerCode.Length}.", nameof(rankByKmerCode));
        }

        return new PmiTable(k, BuildRankByToken(k, rankByKmerCode, nameof(rankByKmerCode)), null, null, null);
    }

    /// <summary>
    /// Computes naive PMI, PMI and normalised PMI of every k-mer from n-gram counts and ranks them by NPMI.
    /// </summary>
    /// <param name="counts">Counts of every n-gram up to at least k.</param>
    /// <param name="options">k, minimum count c and definition (defaults: 6, 101, <see cref="PmiDefinition.Paper"/>).</param>
    /// <param name="logger">Receives a summary line.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Invalid options; the message names the value.</exception>
    /// <exception cref="ArgumentException">The counts do not reach length k.</exception>
    /// <exception cref="PmiFormatException">No k-mer was counted, or the counts are inconsistent (a seen k-mer with an unseen part).</exception>
    public static PmiTable Compute(NgramCounts counts, PmiOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options = new PmiOptionsValidator().Validated(options ?? new PmiOptions());
        var k = options.K;
        if (counts.K < k)
        {
            throw new ArgumentException($"Ranking {k}-mers needs counts of n-grams up to {k}; these counts stop at {counts.K}.", nameof(counts));
        }

        if (counts.Windows(k) == 0)
        {
            throw new PmiFormatException($"No {k}-mer was counted (no run of {k} A/C/G/T bases): nothing to rank.");
        }

        var published = options.Definition == PmiDefinition.GeneMaskPublished;
        var lp = PmiMath.LogProbabilities(counts, k, published ? 2.0 : 1.0);
        var kmerCount = Nucleotides.KmerCount(k);
        var stats = new Statistics(kmerCount);
        Span<double> best = stackalloc double[k + 1];
        var kept = 0;
        var kmerCounts = counts.CountsOfLength(k);
        for (var code = 0; code < kmerCount; code++)
        {
            var f = kmerCounts[code];
            stats.Counts[code] = f;
            if (f == 0)
            {
                stats.Naive[code] = stats.Pmi[code] = stats.Npmi[code] = double.NaN;
                continue;
            }

            var naive = PmiMath.Naive(lp, code, k);
            var pmi = published ? PmiMath.OneTwoSegmentations(lp, code, k, best) : PmiMath.AllSegmentations(lp, code, k, best);
            if (double.IsInfinity(pmi) || double.IsInfinity(naive))
            {
                throw new PmiFormatException(
                    $"Inconsistent counts: the {k}-mer {Kmers.Decode(code, k)} has count {f} but one of its parts has count 0 (counts of shorter n-grams must cover every longer one).");
            }

            stats.Naive[code] = naive;
            stats.Pmi[code] = pmi;
            if (f >= options.MinCount)
            {
                stats.Npmi[code] = PmiMath.Normalise(pmi, f, options.MinCount);
                kept++;
            }
            else
            {
                stats.Npmi[code] = double.NaN;
            }
        }

        var windows = counts.Windows(k);
        Log.Ranked(logger ?? NullLogger.Instance, kmerCount, k, options.Definition, options.MinCount, kept, windows);
        return FromStatistics(k, stats, options.Definition, options.MinCount);
    }

    private static PmiTable FromStatistics(int k, Statistics stats, PmiDefinition? definition, int? minCount)
    {
        var kmerCount = Nucleotides.KmerCount(k);
        var order = new int[kmerCount];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var npmi = stats.Npmi;
        Array.Sort(order, (a, b) =>
        {
            bool hasA = !double.IsNaN(npmi[a]), hasB = !double.IsNaN(npmi[b]);
            if (hasA != hasB)
            {
                return hasA ? -1 : 1;
            }

            var byValue = hasA ? npmi[b].CompareTo(npmi[a]) : 0;
            return byValue != 0 ? byValue : a.CompareTo(b);
        });

        var ranks = new int[kmerCount];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r + 1;
        }

        return new PmiTable(k, BuildRankByToken(k, ranks, "ranks"), stats, definition, minCount);
    }

    private static int[] BuildRankByToken(int k, ReadOnlySpan<int> rankByKmerCode, string paramName)
    {
        var count = Nucleotides.KmerCount(k);
        var seen = new bool[count + 1];
        var byToken = new int[SpecialTokens.Count + count];
        byToken.AsSpan(0, SpecialTokens.Count).Fill(count + 1);
        for (var code = 0; code < count; code++)
        {
            var rank = rankByKmerCode[code];
            if (rank < 1 || rank > count || seen[rank])
            {
                throw new ArgumentException($"Ranks must be a permutation of 1..{count}; k-mer code {code} has rank {rank}.", paramName);
            }

            seen[rank] = true;
            byToken[SpecialTokens.Count + code] = rank;
        }

        return byToken;
    }

    private int CodeOf(ReadOnlySpan<char> kmer)
    {
        if (kmer.Length != K || !Kmers.TryEncode(kmer, out var code))
        {
            throw new ArgumentException($"'{kmer}' is not a {K}-mer of A/C/G/T.", nameof(kmer));
        }

        return code;
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;

    /// <summary>Per-k-mer statistics, indexed by code.</summary>
    private sealed class Statistics(int kmerCount)
    {
        public long[] Counts { get; } = new long[kmerCount];

        public double[] Naive { get; } = new double[kmerCount];

        public double[] Pmi { get; } = new double[kmerCount];

        public double[] Npmi { get; } = new double[kmerCount];
    }
}

using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Masking.Tests;

/// <summary>
/// Slow, obvious re-implementations of the strategies, written from the specification (and, where it is right, the
/// shape of the upstream Python): sets of positions, LINQ sorting, DNABERT's literal offset lists.
/// </summary>
internal static class Reference
{
    /// <summary>DNABERT's MASK_LIST: the offsets around a centre for each k.</summary>
    public static readonly Dictionary<int, int[]> MaskList = new()
    {
        [3] = [-1, 1],
        [4] = [-1, 1, 2],
        [5] = [-2, -1, 1, 2],
        [6] = [-2, -1, 1, 2, 3],
    };

    public static readonly int[] Wide6 = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5];

    /// <summary>Bernoulli successes over 1…end as documented: each 64-bit draw gives two 32-bit uniforms, low half first.</summary>
    public static List<int> Centres(ref SeededRandom random, int end, double p)
    {
        var threshold = (ulong)Math.Floor(p * 4294967296.0);
        var uniforms = new List<uint>();
        while (uniforms.Count < end)
        {
            var x = random.NextUInt64();
            uniforms.Add((uint)x);
            uniforms.Add((uint)(x >> 32));
        }

        return Enumerable.Range(1, end).Where(pos => uniforms[pos - 1] < threshold).ToList();
    }

    /// <summary>Centres from an unrelated generator, for distribution-level comparisons.</summary>
    public static List<int> Centres(Random random, int end, double p) =>
        Enumerable.Range(1, end).Where(_ => random.NextDouble() < p).ToList();

    public static int Rank(PmiTable table, int[] row, int pos, RankLookup lookup = RankLookup.ByToken, UnknownKmerRank unknown = UnknownKmerRank.Worst)
    {
        var key = lookup == RankLookup.ByPosition ? pos : row[pos];
        if (key == SpecialTokens.Unknown)
        {
            return unknown == UnknownKmerRank.Best ? 0 : table.WorstRank;
        }

        return key < SpecialTokens.Count || key >= SpecialTokens.Count + table.KmerCount ? table.WorstRank : table.RankOfTokenId(key);
    }

    public static HashSet<int> RandomToken(List<int> centres) => [.. centres];

    public static HashSet<int> KmerSpan(int k, int end, List<int> centres)
    {
        var set = new HashSet<int>(centres);
        foreach (var c in centres)
        {
            foreach (var off in MaskList[k])
            {
                if (c + off >= 1 && c + off <= end)
                {
                    set.Add(c + off);
                }
            }
        }

        return set;
    }

    /// <param name="row">Full model row ([CLS] at 0).</param>
    public static HashSet<int> GeneMask(PmiTable table, int[] row, int end, List<int> centres, int keepAllUpTo = 0, RankLookup lookup = RankLookup.ByToken, UnknownKmerRank unknown = UnknownKmerRank.Worst)
    {
        var set = new HashSet<int>(centres);
        var best = new List<(int Rank, int Position, int Centre)>();
        foreach (var c in centres)
        {
            var minRank = Rank(table, row, c, lookup, unknown);
            var minPos = c;
            foreach (var off in MaskList[6])
            {
                var q = c + off;
                if (q >= 1 && q <= end)
                {
                    set.Add(q);
                    var r = Rank(table, row, q, lookup, unknown);
                    if (r < minRank)
                    {
                        minRank = r;
                        minPos = q;
                    }
                }
            }

            best.Add((minRank, minPos, c));
        }

        var kept = best.Count <= keepAllUpTo
            ? best
            : best.OrderBy(x => x.Rank).ThenBy(x => x.Centre).Take((best.Count + 1) / 2).ToList();
        foreach (var (_, b, _) in kept)
        {
            set.Add(b);
            foreach (var off in Wide6)
            {
                if (b + off >= 1 && b + off <= end)
                {
                    set.Add(b + off);
                }
            }
        }

        return set;
    }

    /// <summary>The m best (rank, position) positions of the row, in order.</summary>
    public static List<int> GlobalPicks(PmiTable table, int[] row, int end, int m, RankLookup lookup = RankLookup.ByToken, UnknownKmerRank unknown = UnknownKmerRank.Worst) =>
        Enumerable.Range(1, end).OrderBy(pos => Rank(table, row, pos, lookup, unknown)).ThenBy(pos => pos).Take(m).ToList();

    public static HashSet<int> Global(PmiTable table, int[] row, int end, int m, RankLookup lookup = RankLookup.ByToken, UnknownKmerRank unknown = UnknownKmerRank.Worst)
    {
        var set = new HashSet<int>();
        foreach (var b in GlobalPicks(table, row, end, m, lookup, unknown))
        {
            set.Add(b);
            foreach (var off in Wide6)
            {
                if (b + off >= 1 && b + off <= end)
                {
                    set.Add(b + off);
                }
            }
        }

        return set;
    }

    /// <summary>A model row: [CLS] k-mers [SEP].</summary>
    public static int[] ModelRow(int[] kmers) => [SpecialTokens.Cls, .. kmers, SpecialTokens.Sep];
}

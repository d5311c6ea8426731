using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Masking.Tests;

/// <summary>The fast strategies against the slow reference implementations, position by position, on real sequence.</summary>
public class StrategyReferenceTests
{
    private const int RowLength = 512;

    private static IEnumerable<TestCaseData> Strategies()
    {
        yield return new TestCaseData("random-token", 0.15, 0, RankLookup.ByToken, UnknownKmerRank.Worst).SetName("RandomToken");
        yield return new TestCaseData("kmer-span", 0.025, 0, RankLookup.ByToken, UnknownKmerRank.Worst).SetName("KmerSpan");
        yield return new TestCaseData("genemask", 0.15 / 8.5, 0, RankLookup.ByToken, UnknownKmerRank.Worst).SetName("GeneMask");
        yield return new TestCaseData("genemask", 0.15 / 8.5, 8, RankLookup.ByToken, UnknownKmerRank.Worst).SetName("GeneMask_keep_all_up_to_8");
        yield return new TestCaseData("genemask", 0.15 / 8.5, 8, RankLookup.ByPosition, UnknownKmerRank.Best).SetName("GeneMask_all_upstream_quirks");
        yield return new TestCaseData("genemask", 0.05, 0, RankLookup.ByToken, UnknownKmerRank.Best).SetName("GeneMask_unknown_best_p005");
        yield return new TestCaseData("global", 0.15 / 11, 0, RankLookup.ByToken, UnknownKmerRank.Worst).SetName("GlobalPmi");
        yield return new TestCaseData("global", 0.15 / 11, 0, RankLookup.ByPosition, UnknownKmerRank.Worst).SetName("GlobalPmi_rank_by_position");
        yield return new TestCaseData("global", 0.2, 0, RankLookup.ByToken, UnknownKmerRank.Best).SetName("GlobalPmi_unknown_best_p02");
    }

    [TestCaseSource(nameof(Strategies))]
    public void Fast_strategy_selects_exactly_the_reference_positions_on_real_rows(string name, double p, int keepAll, RankLookup lookup, UnknownKmerRank unknown)
    {
        var table = RealRows.Table;
        var entry = MaskingCatalog.GetStrategy(name);
        var options = entry.CreateOptions(table);
        switch (options)
        {
            case GeneMaskMaskingOptions genemask:
                (genemask.KeepAllCentresUpTo, genemask.RankLookup, genemask.UnknownKmerRank) = (keepAll, lookup, unknown);
                break;
            case GlobalPmiMaskingOptions global:
                (global.RankLookup, global.UnknownKmerRank) = (lookup, unknown);
                break;
        }

        var strategy = entry.Create(table, options);

        var source = RealRows.All;
        var lengthRandom = new Random(4);
        const int batches = 150, rowsPerBatch = 10;
        var compared = 0;
        for (var b = 0; b < batches; b++)
        {
            // Rows of varied lengths (full, short, tiny) exercise the clipping at both ends; some carry [UNK].
            var rows = new int[rowsPerBatch][];
            for (var r = 0; r < rowsPerBatch; r++)
            {
                var kmers = source[(b * rowsPerBatch) + r];
                var length = r % 3 == 0 ? kmers.Length : lengthRandom.Next(0, kmers.Length + 1);
                var row = Reference.ModelRow(kmers[..length]);
                if (r == 1 && length > 20)
                {
                    row[7] = SpecialTokens.Unknown;
                    row[8] = SpecialTokens.Unknown;
                }

                rows[r] = row;
            }

            var ids = new int[rowsPerBatch * RowLength];
            var lengths = new int[rowsPerBatch];
            for (var r = 0; r < rowsPerBatch; r++)
            {
                rows[r].CopyTo(ids, r * RowLength);
                lengths[r] = rows[r].Length;
            }

            var selected = new bool[ids.Length];
            Array.Fill(selected, true); // must be overwritten
            var random = MaskRandom.ForBatch(11, b, MaskRandomPurpose.Positions);
            var referenceRandom = random;
            var count = strategy.SelectPositions(new MaskingBatch(ids, lengths, rowsPerBatch, RowLength), p, ref random, selected);

            var expectedCount = 0;
            for (var r = 0; r < rowsPerBatch; r++)
            {
                var end = rows[r].Length - 2;
                var centres = Reference.Centres(ref referenceRandom, end, p);
                var expected = name switch
                {
                    "random-token" => Reference.RandomToken(centres),
                    "kmer-span" => Reference.KmerSpan(6, end, centres),
                    "genemask" => Reference.GeneMask(table, rows[r], end, centres, keepAll, lookup, unknown),
                    "global" => Reference.Global(table, rows[r], end, centres.Count, lookup, unknown),
                    _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No reference implementation."),
                };

                var actual = Enumerable.Range(0, RowLength).Where(i => selected[(r * RowLength) + i]).ToHashSet();
                if (!actual.SetEquals(expected))
                {
                    Assert.Fail($"batch {b}, row {r} (length {rows[r].Length}): only fast {string.Join(",", actual.Except(expected).Order())}; only reference {string.Join(",", expected.Except(actual).Order())}");
                }

                expectedCount += expected.Count;
                compared++;
            }

            count.Should().Be(expectedCount);
            random.NextUInt64().Should().Be(referenceRandom.NextUInt64(), "the strategy consumes the documented number of draws");
        }

        compared.Should().Be(batches * rowsPerBatch);
    }

    [Test]
    public void Span_offsets_derive_from_k_as_DNABERT_lists_them()
    {
        foreach (var (k, offsets) in Reference.MaskList)
        {
            var g = new SpanGeometry(k);
            Enumerable.Range(-g.Left, g.K).Where(o => o != 0).Should().Equal(offsets, $"k = {k}");
            g.WideSpanLength.Should().Be((2 * k) - 1);
        }

        new SpanGeometry(6).WideRadius.Should().Be(5);
    }

    [Test]
    public void KmerSpan_for_k3_masks_three_tokens_per_centre()
    {
        var strategy = new KmerSpanMasking(new KmerSpanMaskingOptions { K = 3, Probability = 1 });
        var ids = new int[] { SpecialTokens.Cls, 5, 6, 7, SpecialTokens.Sep, 0 };
        var selected = new bool[ids.Length];
        var random = new SeededRandom(1);
        strategy.SelectPositions(new MaskingBatch(ids, [5], 1, 6), 1.0, ref random, selected).Should().Be(3);
        selected.Should().Equal(false, true, true, true, false, false);
    }

    [Test]
    public void GeneMask_widens_around_the_best_ranked_neighbour_of_each_kept_centre_worked_by_hand()
    {
        // 40 k-mers; ranks chosen so that the best token near centre 10 is at 13 (c+3) and near centre 30 at 28 (c−2).
        var ranks = Enumerable.Range(1, 4096).Reverse().ToArray(); // code 0 (AAAAAA) worst … code 4095 best
        var table = PmiTable.FromRanks(6, ranks);
        var row = new int[42];
        row[0] = SpecialTokens.Cls;
        row[41] = SpecialTokens.Sep;
        for (var i = 1; i <= 40; i++)
        {
            row[i] = SpecialTokens.Count + 100; // rank 3996
        }

        row[13] = SpecialTokens.Count + 4000; // rank 96: the best of centre 10's span 8…13
        row[28] = SpecialTokens.Count + 3000; // rank 1096: the best of centre 30's span 28…33
        var strategy = new GeneMaskMasking(table);
        var flags = new bool[42];
        strategy.MaskRow(row, 40, [10, 30], new int[2], new long[2], flags);

        // n = 2 → keep ⌈2/2⌉ = 1: centre 10 (best rank 96). Spans 8…13 and 28…33; widened 13−5 … 13+5 = 8…18.
        var expected = Enumerable.Range(8, 11).Concat(Enumerable.Range(28, 6)).ToHashSet();
        Enumerable.Range(0, 42).Where(i => flags[i]).Should().BeEquivalentTo(expected);

        // With upstream's "keep all when n ≤ 8" both centres widen: 28 − 5 … 28 + 5 = 23…33 as well.
        var upstream = new GeneMaskMasking(table, new GeneMaskMaskingOptions { KeepAllCentresUpTo = 8 });
        Array.Clear(flags);
        upstream.MaskRow(row, 40, [10, 30], new int[2], new long[2], flags);
        Enumerable.Range(0, 42).Where(i => flags[i]).Should().BeEquivalentTo(Enumerable.Range(8, 11).Concat(Enumerable.Range(23, 11)).ToHashSet());
    }

    [Test]
    public void Global_picks_the_best_ranked_tokens_worked_by_hand()
    {
        var ranks = Enumerable.Range(1, 4096).Reverse().ToArray();
        var table = PmiTable.FromRanks(6, ranks);
        var row = new int[102];
        row[0] = SpecialTokens.Cls;
        row[101] = SpecialTokens.Sep;
        for (var i = 1; i <= 100; i++)
        {
            row[i] = SpecialTokens.Count + i; // rank 4096 − i: later positions rank better
        }

        row[3] = SpecialTokens.Count + 4095; // rank 1, the best of all
        row[50] = SpecialTokens.Unknown;     // worst by default
        var strategy = new GlobalPmiMasking(table);
        var flags = new bool[102];
        strategy.MaskRow(row, 100, 2, new long[2], flags);

        // Best two: position 3 (rank 1), then position 100 (rank 3996). Windows 1…8 (clipped) and 95…100 (clipped).
        Enumerable.Range(0, 102).Where(i => flags[i]).Should().BeEquivalentTo(Enumerable.Range(1, 8).Concat(Enumerable.Range(95, 6)).ToHashSet());

        var unknownBest = new GlobalPmiMasking(table, new GlobalPmiMaskingOptions { UnknownKmerRank = UnknownKmerRank.Best });
        Array.Clear(flags);
        unknownBest.MaskRow(row, 100, 1, new long[1], flags);
        Enumerable.Range(0, 102).Where(i => flags[i]).Should().BeEquivalentTo(Enumerable.Range(45, 11).ToHashSet());
    }

    [Test]
    public void Rank_by_position_compat_ignores_the_sequence_as_upstream_does()
    {
        var table = RealRows.Table;
        var byPosition = new GlobalPmiMasking(table, new GlobalPmiMaskingOptions { RankLookup = RankLookup.ByPosition });
        var byToken = new GlobalPmiMasking(table);
        var masksByPosition = new HashSet<string>();
        var masksByToken = new HashSet<string>();
        for (var r = 0; r < 20; r++)
        {
            var row = Reference.ModelRow(RealRows.All[r]);
            var flags = new bool[row.Length];
            byPosition.MaskRow(row, 510, 7, new long[7], flags);
            masksByPosition.Add(string.Concat(flags.Select(f => f ? '1' : '0')));
            Array.Clear(flags);
            byToken.MaskRow(row, 510, 7, new long[7], flags);
            masksByToken.Add(string.Concat(flags.Select(f => f ? '1' : '0')));
        }

        masksByPosition.Should().HaveCount(1, "looking ranks up by position gives every row the same mask");
        masksByToken.Should().HaveCount(20, "looking ranks up by token follows each row's sequence");
    }

    [Test]
    public void GeneMask_and_Global_spans_follow_k_for_k4()
    {
        // k = 4: span c−1 … c+2 (4 tokens), widened b−3 … b+3 (7 tokens).
        var table = PmiTable.FromRanks(4, Enumerable.Range(1, 256).Reverse().ToArray()); // higher code, better rank
        var row = new int[32];
        row[0] = SpecialTokens.Cls;
        row[31] = SpecialTokens.Sep;
        for (var i = 1; i <= 30; i++)
        {
            row[i] = SpecialTokens.Count + 10;
        }

        row[12] = SpecialTokens.Count + 200; // best in centre 10's span 9…12
        var flags = new bool[32];
        new GeneMaskMasking(table).MaskRow(row, 30, [10], new int[1], new long[1], flags);
        Enumerable.Range(0, 32).Where(i => flags[i]).Should().Equal(Enumerable.Range(9, 7)); // 9…12 ∪ 12−3 … 12+3

        Array.Clear(flags);
        new GlobalPmiMasking(table).MaskRow(row, 30, 1, new long[1], flags);
        Enumerable.Range(0, 32).Where(i => flags[i]).Should().Equal(Enumerable.Range(9, 7));
        new GeneMaskMasking(table).Geometry.Should().Be(new SpanGeometry(4));
    }
}

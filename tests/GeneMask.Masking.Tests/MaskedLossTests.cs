using FluentAssertions;
using NUnit.Framework;

namespace GeneMask.Masking.Tests;

/// <summary>The accounting of <see cref="MaskedEvaluationSet"/> on batches written by hand, against values worked out by hand.</summary>
public class MaskedLossTests
{
    private static readonly double Ln2 = Math.Log(2);
    private static readonly double Ln4 = Math.Log(4);

    // 30 bases: 25 6-mers (tokens 0 … 24); token t covers bases t … t + 5.
    private static readonly int[] Row = HandBatches.Kmers(HandBatches.Bases(30, seed: 1));

    [Test]
    public void A_span_in_the_middle_leaves_one_base_unknown_per_token()
    {
        // DNABERT's span around centre 12: tokens 10 … 15. Token 9 reveals bases 9 … 14, token 16 bases 16 … 21: only
        // base 15 is hidden, and every masked token contains it.
        var oracle = HandBatches.MaskedAt([Row], (0, 10, 15)).ScoreNeighbourOracle();

        oracle.MaskTokens.Should().Be(6);
        oracle.MaskTokenLoss.Should().BeApproximately(Ln4, 1e-12);
        oracle.Loss.Should().BeApproximately(Ln4, 1e-12);
    }

    [Test]
    public void Spans_at_the_row_edges_hide_the_bases_no_token_reveals()
    {
        // Tokens 0 … 3: token 4 reveals bases 4 … 9; bases 0 … 3 are hidden. Token t holds 4 − t of them: 4, 3, 2, 1.
        HandBatches.MaskedAt([Row], (0, 0, 3)).ScoreNeighbourOracle().Loss.Should().BeApproximately(10.0 / 4 * Ln4, 1e-12);

        // Tokens 21 … 24 (the last): token 20 reveals bases 20 … 25; bases 26 … 29 are hidden. Token t holds t − 20 of them.
        HandBatches.MaskedAt([Row], (0, 21, 24)).ScoreNeighbourOracle().Loss.Should().BeApproximately(10.0 / 4 * Ln4, 1e-12);

        // The whole row: nothing is revealed, 6 unknown bases per token.
        HandBatches.MaskedAt([Row], (0, 0, 24)).ScoreNeighbourOracle().Loss.Should().BeApproximately(6 * Ln4, 1e-12);
    }

    [Test]
    public void Overlapping_spans_and_pmi_spans_count_each_tokens_own_unknown_bases()
    {
        // Spans 10 … 15 and 13 … 18 make one run 10 … 18; token 9 reveals up to base 14, token 19 from base 19: bases
        // 15 … 18 are hidden. Tokens 10 … 18 hold 1, 2, 3, 4, 4, 4, 3, 2, 1 of them.
        HandBatches.MaskedAt([Row], (0, 10, 15), (0, 13, 18)).ScoreNeighbourOracle().Loss.Should().BeApproximately(24.0 / 9 * Ln4, 1e-12);

        // A GeneMask/Global span b − 5 … b + 5 around b = 12 hides the whole 6-mer at b (bases 12 … 17): 1, 2, …, 6, …, 1.
        HandBatches.MaskedAt([Row], (0, 7, 17)).ScoreNeighbourOracle().Loss.Should().BeApproximately(36.0 / 11 * Ln4, 1e-12);
    }

    [Test]
    public void Only_unmasked_kmers_reveal_bases()
    {
        // Token 9 is [UNK] (not predicted): it reveals nothing, so base 14 (covered by tokens 9 … 14) is hidden too.
        // Tokens 10 … 14 hold bases 14 and 15; token 15 holds base 15 only: (5 · 2 + 1) / 6 unknown bases per token.
        var row = (int[])Row.Clone();
        row[9] = SpecialTokens.Unknown;
        HandBatches.MaskedAt([row], (0, 10, 15)).ScoreNeighbourOracle().Loss.Should().BeApproximately(11.0 / 6 * Ln4, 1e-12);

        // A predicted token reveals nothing even when its input is the true token. Tokens 10 … 15 from [MASK] and token
        // 16 kept: tokens 9 and 17 reveal bases up to 14 and from 17, so bases 15 and 16 are hidden; tokens 10 … 16
        // hold 1, 2, 2, 2, 2, 2, 1 of them.
        var kept = MaskedEvaluationSet.FromBatches("kept", [HandBatches.Create([Row], (_, t) => t is >= 10 and <= 15 ? SpecialTokens.Mask : t == 16 ? Row[16] : null)], 6);
        var oracle = kept.ScoreNeighbourOracle();
        (oracle.MaskTokens, oracle.OriginalTokens).Should().Be((6L, 1L));
        oracle.Loss.Should().BeApproximately(12.0 / 7 * Ln4, 1e-12);
        oracle.OriginalTokenLoss.Should().BeApproximately(Ln4, 1e-12);
    }

    [Test]
    public void Rows_of_a_batch_are_scored_on_their_own()
    {
        // The three cases above in one batch, with a row between them that has no predicted token: the mean over the
        // batch is the count-weighted mean of the cases.
        var other = HandBatches.Kmers(HandBatches.Bases(40, seed: 2));
        var set = HandBatches.MaskedAt([Row, other, Row, Row[..20]], (0, 10, 15), (2, 0, 3), (3, 16, 19));
        var expected = ((6 * 1) + 10 + 10) * Ln4 / 14; // the short row's tokens 16 … 19 are its last four

        set.PredictedTokens.Should().Be(14);
        set.ScoreNeighbourOracle().Loss.Should().BeApproximately(expected, 1e-12);
    }

    [Test]
    public void Positions_are_classified_by_what_the_input_shows()
    {
        // Tokens 10 … 19 predicted: 10 … 17 from [MASK], 18 from another k-mer, 19 from itself.
        var set = EightOneOne(Row);
        var loss = set.ScoreNeighbourOracle();

        (loss.MaskTokens, loss.RandomTokens, loss.OriginalTokens).Should().Be((8L, 1L, 1L));

        // A random replacement that drew the true id shows the true token: it counts as one.
        var drewItself = HandBatches.Create([Row], (_, t) => t == 5 ? Row[5] : null);
        MaskedEvaluationSet.FromBatches("drew-itself", [drewItself], 6).ScoreNeighbourOracle().OriginalTokens.Should().Be(1);
    }

    [Test]
    public void The_copy_baseline_on_an_exact_80_10_10_set_is_the_formula()
    {
        // Uniform frequencies: every k-mer counted once, so with Laplace f = 2 / 8192 = 1/4096 and CF = ln 4096 everywhere.
        var counts = new long[4101];
        counts.AsSpan(SpecialTokens.Count).Fill(1);
        var frequencies = KmerFrequencies.FromCounts(counts);
        var cf = Math.Log(4096);
        var set = EightOneOne(Row);

        var contextFree = set.ScoreContextFree(frequencies);
        contextFree.Loss.Should().BeApproximately(cf, 1e-12);
        contextFree.MaskTokenLoss.Should().BeApproximately(cf, 1e-12);

        // 0.8·CF + 0.1·(CF + ln 2) + 0.1·(ln 2 − ln(1 + f)) = 0.9·CF + 0.2·ln 2 − 0.1·ln(1 + 1/4096).
        var copy = set.ScoreCopyBaseline(frequencies);
        copy.MaskTokenLoss.Should().BeApproximately(cf, 1e-12);
        copy.RandomTokenLoss.Should().BeApproximately(cf + Ln2, 1e-12);
        copy.OriginalTokenLoss.Should().BeApproximately(Ln2 - Math.Log(1 + (1.0 / 4096)), 1e-12);
        copy.Loss.Should().BeApproximately((0.9 * cf) + (0.2 * Ln2) - (0.1 * Math.Log(1 + (1.0 / 4096))), 1e-12);
        copy.Loss.Should().BeApproximately((0.9 * cf) + (0.2 * Ln2), 3e-5);
    }

    [Test]
    public void The_copy_baseline_per_position_with_unequal_frequencies()
    {
        // Two k-mers carry all the counts: with Laplace, f = (c + 1) / (c_total + 4096).
        var counts = new long[4101];
        counts[Row[18]] = 3000;
        counts[Row[19]] = 996;
        var frequencies = KmerFrequencies.FromCounts(counts);
        double F(int id) => (counts[id] + 1.0) / (3996 + 4096);
        var set = EightOneOne(Row);

        var copy = set.ScoreCopyBaseline(frequencies);
        copy.RandomTokenLoss.Should().BeApproximately(-Math.Log(0.5 * F(Row[18])), 1e-12);
        copy.OriginalTokenLoss.Should().BeApproximately(-Math.Log(0.5 + (0.5 * F(Row[19]))), 1e-12);
        copy.MaskTokenLoss.Should().BeApproximately(Enumerable.Range(10, 8).Average(t => -Math.Log(F(Row[t]))), 1e-12);
    }

    [Test]
    public void A_predictor_is_scored_by_the_log_probability_of_the_label()
    {
        var set = EightOneOne(Row);

        // Uniform over the 4101 ids: ln 4101 at every position, whatever its kind.
        var uniform = set.Score(new Constant(_ => (float)-Math.Log(4101)));
        uniform.Loss.Should().BeApproximately(Math.Log(4101), 1e-5);
        uniform.MaskTokenLoss.Should().BeApproximately(Math.Log(4101), 1e-5);

        // The same accounting as the baselines: a predictor that writes the copy baseline scores the copy baseline.
        var counts = new long[4101];
        counts[Row[18]] = 3000;
        var frequencies = KmerFrequencies.FromCounts(counts);
        var scored = set.Score(new CopyPredictor(frequencies, 4101));
        var direct = set.ScoreCopyBaseline(frequencies);
        scored.MaskTokenLoss.Should().BeApproximately(direct.MaskTokenLoss, 1e-5);
        scored.RandomTokenLoss.Should().BeApproximately(direct.RandomTokenLoss, 1e-5);
        scored.OriginalTokenLoss.Should().BeApproximately(direct.OriginalTokenLoss, 1e-5);
    }

    [Test]
    public void A_batch_without_predicted_positions_adds_nothing()
    {
        var empty = HandBatches.Create([Row], (_, _) => null);
        var set = MaskedEvaluationSet.FromBatches("with-empty", [empty, EightOneOne(Row).Batches[0]], 6);

        set.PredictedTokens.Should().Be(10);
        set.Score(new Constant(_ => (float)-Math.Log(4101))).PredictedTokens.Should().Be(10);
        set.ScoreNeighbourOracle().PredictedTokens.Should().Be(10);
    }

    [Test]
    public void A_predictor_must_write_distributions()
    {
        var set = EightOneOne(Row);
        FluentActions.Invoking(() => set.Score(new Constant(_ => 0f))).Should().Throw<InvalidOperationException>().WithMessage("*sum to 4101*");
    }

    /// <summary>Tokens 10 … 19 predicted: 10 … 17 from [MASK], 18 from token 17's id (a random token), 19 from itself.</summary>
    private static MaskedEvaluationSet EightOneOne(int[] row)
    {
        row[17].Should().NotBe(row[18], "the random input must differ from the label");
        return MaskedEvaluationSet.FromBatches(
            "8/1/1",
            [HandBatches.Create([row], (_, t) => t switch { >= 10 and <= 17 => SpecialTokens.Mask, 18 => row[17], 19 => row[19], _ => null })],
            6);
    }

    private sealed class Constant(Func<int, float> logProbability) : IMaskedTokenPredictor
    {
        public void PredictLogProbabilities(MlmBatch batch, ReadOnlySpan<int> positions, Span<float> logProbabilities)
        {
            for (var i = 0; i < logProbabilities.Length; i++)
            {
                logProbabilities[i] = logProbability(i % 4101);
            }
        }
    }
}

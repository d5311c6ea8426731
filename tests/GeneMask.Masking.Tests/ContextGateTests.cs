using FluentAssertions;
using NUnit.Framework;

namespace GeneMask.Masking.Tests;

/// <summary>
/// The context gate against three predictors built by hand, on real chr2 rows under DNABERT's k-mer spans: one that
/// knows only the k-mer frequencies, one that also copies its visible input, one that reads the unmasked neighbours.
/// </summary>
public class ContextGateTests
{
    private static readonly Lazy<Fixture> Data = new(Build);

    private sealed record Fixture(MaskedEvaluationSet Set, KmerFrequencies Frequencies);

    [Test]
    public void A_frequency_only_predictor_fails()
    {
        var (set, frequencies) = Data.Value;
        var model = set.Score(new FrequencyPredictor(frequencies, set.VocabularySize));
        var contextFree = set.ScoreContextFree(frequencies);

        model.Loss.Should().BeApproximately(contextFree.Loss, 1e-5);
        var gate = ContextGate.Evaluate(model.MaskTokenLoss, contextFree.MaskTokenLoss, set.ScoreCopyBaseline(frequencies).Loss);
        gate.Passed.Should().BeFalse();
        gate.Gap.Should().BeApproximately(0, 1e-5);
        gate.Message.Should().StartWith("FAILED").And.Contain("only 0.000 nats below");
    }

    [Test]
    public void A_copy_predictor_fails_though_it_would_pass_a_gate_on_the_full_loss()
    {
        var (set, frequencies) = Data.Value;
        var model = set.Score(new CopyPredictor(frequencies, set.VocabularySize));
        var contextFree = set.ScoreContextFree(frequencies);
        var copy = set.ScoreCopyBaseline(frequencies);

        model.Loss.Should().BeApproximately(copy.Loss, 1e-5);
        (contextFree.Loss - model.Loss).Should().BeGreaterThan(0.5, "copying the visible input beats the frequencies on the full loss");
        var gate = ContextGate.Evaluate(model.MaskTokenLoss, contextFree.MaskTokenLoss, copy.Loss);
        gate.Passed.Should().BeFalse();
        gate.Gap.Should().BeApproximately(0, 1e-5, "on [MASK] inputs there is nothing to copy");
        gate.Message.Should().StartWith("FAILED");
    }

    [Test]
    public void A_predictor_that_reads_the_neighbours_passes_at_the_oracle_floor()
    {
        var (set, frequencies) = Data.Value;
        var model = set.Score(new NeighbourPredictor());
        var contextFree = set.ScoreContextFree(frequencies);
        var oracle = set.ScoreNeighbourOracle();

        // Two independent computations of the same predictor: per-position reconstruction and the set's prefix counts.
        model.MaskTokenLoss.Should().BeApproximately(oracle.MaskTokenLoss, 1e-5);
        model.Loss.Should().BeApproximately(oracle.Loss, 1e-5);

        // Isolated spans leave one base unknown (ln 4); row edges and overlapping spans leave more.
        oracle.MaskTokenLoss.Should().BeInRange(Math.Log(4), 2.5);
        var gate = ContextGate.Evaluate(model.MaskTokenLoss, contextFree.MaskTokenLoss, set.ScoreCopyBaseline(frequencies).Loss);
        gate.Passed.Should().BeTrue();
        gate.Gap.Should().BeGreaterThan(5);
        gate.Message.Should().StartWith("PASSED").And.Contain("predict masked k-mers from their context");
    }

    [Test]
    public void The_copy_baseline_matches_its_formula_within_sampling_error()
    {
        // Given the labels, each position's 80/10/10 draw is independent: its copy loss minus its share of
        // 0.9·CF + 0.2·ln 2 has mean −0.1·ln(1 + f) and a variance fixed by CF and f. 4 standard errors of the sum.
        var (set, frequencies) = Data.Value;
        double expected = 0, variance = 0, cf = 0;
        long n = 0;
        var ln2 = Math.Log(2);
        foreach (var batch in set.Batches)
        {
            foreach (var label in batch.Labels.AsSpan(0, batch.ElementCount))
            {
                if (label == MlmBatch.IgnoreLabel)
                {
                    continue;
                }

                var c = frequencies.NegativeLogProbability((int)label);
                var logOnePlusF = Math.Log(1 + Math.Exp(-c));
                (double P, double D)[] outcomes = [(0.8, (0.1 * c) - (0.2 * ln2)), (0.1, (0.1 * c) + (0.8 * ln2)), (0.1, (-0.9 * c) + (0.8 * ln2) - logOnePlusF)];
                var mean = outcomes.Sum(o => o.P * o.D);
                expected += mean;
                variance += outcomes.Sum(o => o.P * (o.D - mean) * (o.D - mean));
                cf += c;
                n++;
            }
        }

        cf /= n;
        set.ScoreContextFree(frequencies).Loss.Should().BeApproximately(cf, 1e-12);
        var formula = (0.9 * cf) + (0.2 * ln2);
        var copy = set.ScoreCopyBaseline(frequencies).Loss;
        (copy - formula).Should().BeApproximately(expected / n, 4 * Math.Sqrt(variance) / n);
    }

    [Test]
    public void The_gate_needs_the_margin_and_words_the_outcome()
    {
        var passed = ContextGate.Evaluate(modelLoss: 6.0, contextFreeLoss: 7.5, copyBaselineLoss: 6.9);
        passed.Should().Be(passed with { Passed = true, ModelLoss = 6.0, ContextFreeLoss = 7.5, Margin = 1.0, Gap = 1.5, CopyBaselineLoss = 6.9 });
        passed.Message.Should().Be("PASSED: on the positions whose input is [MASK], the kmer-span arm's loss is 1.500 nats below the context-free loss (6.000 vs 7.500; at least 1.00 required; copy-aware context-free baseline on the full loss 6.900), so the models predict masked k-mers from their context.");

        ContextGate.Evaluate(6.5, 7.5, 6.9).Passed.Should().BeTrue("a gap equal to the margin passes");
        var short_ = ContextGate.Evaluate(6.6, 7.5, 6.9);
        short_.Passed.Should().BeFalse();
        short_.Message.Should().StartWith("FAILED: on the positions whose input is [MASK], the kmer-span arm's loss is only 0.900 nats below").And.Contain("no difference is claimed");
        ContextGate.Evaluate(8.0, 7.5, 6.9).Message.Should().Contain("0.500 nats above");
        ContextGate.Evaluate(double.NaN, 7.5, 6.9).Message.Should().StartWith("FAILED: the loss on [MASK]-input positions could not be measured");
        ContextGate.Evaluate(5.0, 7.5, 6.9, margin: 3).Passed.Should().BeFalse();
        FluentActions.Invoking(() => ContextGate.Evaluate(5, 7.5, 6.9, margin: -1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*margin*");
    }

    /// <summary>100 chr2 rows masked with DNABERT's spans (fixed seed); frequencies from 2,000 other chr2 rows.</summary>
    private static Fixture Build()
    {
        var rows = RealRows.All;
        var counts = new long[4101];
        foreach (var row in rows.AsSpan(1000, 2000))
        {
            foreach (var id in row)
            {
                counts[id]++;
            }
        }

        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 19 });
        var set = MaskedEvaluationSet.Create("kmer-span", rows[..100], collator, MaskingPhase.Of(new KmerSpanMasking()), 16);
        return new Fixture(set, KmerFrequencies.FromCounts(counts));
    }
}

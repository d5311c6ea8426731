using FluentAssertions;
using GeneMask.Masking;
using NUnit.Framework;

namespace GeneMask.Masking.Tests;

public class ContextFreeBaselineTests
{
    // Ids of three 6-mers of the DNABERT vocabulary (5 = AAAAAA, 6 = AAAAAT, 7 = AAAAAC).
    private const int A = 5;
    private const int B = 6;
    private const int C = 7;

    [Test]
    public void Frequencies_of_a_hand_made_corpus_and_the_loss_of_predicting_from_them()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cf-{Guid.NewGuid():N}.tokens");
        try
        {
            // Training corpus: A six times, B three times, C once (10 tokens).
            using (var writer = TokenCorpusWriter.Create(path, 6))
            {
                writer.AddRow([A, A, A, B]);
                writer.AddRow([A, A, B, B, C]);
                writer.AddRow([A]);
                writer.Complete();
            }

            using var corpus = TokenCorpus.Open(path);
            var exact = KmerFrequencies.FromCorpus(corpus, pseudocount: 0);
            exact.Counts[A].Should().Be(6);
            exact.Counts[B].Should().Be(3);
            exact.Counts[C].Should().Be(1);
            exact.NegativeLogProbability(A).Should().BeApproximately(-Math.Log(0.6), 1e-12);
            exact.NegativeLogProbability(8).Should().Be(double.PositiveInfinity);

            // Entropy of (0.6, 0.3, 0.1) in nats.
            exact.Entropy().Should().BeApproximately(-((0.6 * Math.Log(0.6)) + (0.3 * Math.Log(0.3)) + (0.1 * Math.Log(0.1))), 1e-12);

            // Laplace: (count + 1) / (10 + 4096).
            var smoothed = KmerFrequencies.FromCorpus(corpus);
            smoothed.NegativeLogProbability(C).Should().BeApproximately(-Math.Log(2.0 / 4106), 1e-12);
            smoothed.NegativeLogProbability(9).Should().BeApproximately(-Math.Log(1.0 / 4106), 1e-12);

            // Every position masked (random-token masking at p = 1): the loss is the mean over the validation tokens.
            int[][] validation = [[A, B, C, A], [B, B]];
            var collator = new MlmCollator(new MlmCollatorOptions { Seed = 3 });
            var set = MaskedEvaluationSet.Create("all", validation, collator, MaskingPhase.Of(new RandomTokenMasking(), 1.0), batchSize: 1);
            set.PredictedTokens.Should().Be(6);
            set.Batches.Should().HaveCount(2);
            var expected = -((2 * Math.Log(0.6)) + (3 * Math.Log(0.3)) + Math.Log(0.1)) / 6;
            set.ContextFreeLoss(exact).Should().BeApproximately(expected, 1e-12);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void The_set_scores_only_the_masked_positions_and_is_the_same_for_the_same_seed()
    {
        var rows = Enumerable.Range(0, 40).Select(r => Enumerable.Range(0, 60).Select(i => 5 + ((r * 61 + i * 7) % 4096)).ToArray()).ToArray();
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 11 });
        var phase = MaskingPhase.Of(new KmerSpanMasking());
        var first = MaskedEvaluationSet.Create("kmer-span", rows, collator, phase, 16);
        var second = MaskedEvaluationSet.Create("kmer-span", rows, collator, phase, 16);

        first.Batches.Select(b => b.Labels.Take(b.ElementCount).ToArray()).Should().BeEquivalentTo(second.Batches.Select(b => b.Labels.Take(b.ElementCount).ToArray()), o => o.WithStrictOrdering());

        // Counts: all ids have count 1 in a uniform table over the ids used, so the loss is −ln p of the masked ids only.
        var counts = new long[4101];
        counts[5] = 1_000_000; // a dominant id makes every other k-mer costly
        var frequencies = KmerFrequencies.FromCounts(counts);
        double sum = 0;
        long n = 0;
        foreach (var batch in first.Batches)
        {
            for (var i = 0; i < batch.ElementCount; i++)
            {
                if (batch.Labels[i] != MlmBatch.IgnoreLabel)
                {
                    sum += frequencies.NegativeLogProbability((int)batch.Labels[i]);
                    n++;
                }
            }
        }

        n.Should().Be(first.PredictedTokens).And.BeGreaterThan(0);
        first.ContextFreeLoss(frequencies).Should().BeApproximately(sum / n, 1e-12);
        FluentActions.Invoking(() => MaskedEvaluationSet.Create("none", rows, collator, MaskingPhase.Of(new KmerSpanMasking(), 0.0), 16))
            .Should().Throw<ArgumentException>().WithMessage("*selects no position*");
    }
}

using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Probing;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>A model scored on a fixed masked set through <see cref="FrozenEncoder"/>, against a slow computation written apart.</summary>
public sealed class MaskedLmScoringTests : Chr2CorpusFixture
{
    [Test]
    public void The_loss_by_input_kind_matches_a_row_by_row_computation_from_full_logits()
    {
        // A tiny model pretrained briefly on chr2, so that its predictions depend on the input.
        var output = Tiny.TempDirectory();
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 5);
        var options = new PretrainingOptions
        {
            MaxSteps = 60, BatchSize = 16, LearningRate = 1e-2, WarmupSteps = 3, MaxSequenceLength = 66,
            EvaluationInterval = 60, MaxValidationRows = 50, CheckpointInterval = 0, OutputDirectory = output, Seed = 3,
        };
        new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options))
            .Train(model, Train, Validation, new ConstantCurriculum(new KmerSpanMasking()));

        var rows = Enumerable.Range(0, 96).Select(r => Validation.GetRow(r)).ToList();
        var set = MaskedEvaluationSet.Create("kmer-span", rows, new MlmCollator(new MlmCollatorOptions { Seed = 8 }), MaskingPhase.Of(new KmerSpanMasking()), 32);
        model.train();
        var fast = FrozenEncoder.MaskedLmLossByInput(model, set);
        model.training.Should().BeTrue("the mode is restored");
        FrozenEncoder.MaskedLmLoss(model, set).Should().Be(fast.Loss);

        // Slow: each row alone (no padding), full logits, log-softmax in double, kinds read from input and label.
        model.eval();
        using var noGrad = no_grad();
        var sums = new double[3];
        var counts = new long[3];
        foreach (var batch in set.Batches)
        {
            for (var r = 0; r < batch.BatchSize; r++)
            {
                var length = batch.RowLengths[r];
                var start = r * batch.SequenceLength;
                var ids = batch.InputIds.AsSpan(start, length).ToArray();
                using var logits = model.call(tensor(ids, [1, length]), ones(1, length, dtype: ScalarType.Int64)).to_type(ScalarType.Float32);
                var values = logits.data<float>().ToArray();
                for (var c = 0; c < length; c++)
                {
                    var label = batch.Labels[start + c];
                    if (label == MlmBatch.IgnoreLabel)
                    {
                        continue;
                    }

                    var row = values.AsSpan(c * 4101, 4101);
                    var max = double.NegativeInfinity;
                    foreach (var v in row)
                    {
                        max = Math.Max(max, v);
                    }

                    double total = 0;
                    foreach (var v in row)
                    {
                        total += Math.Exp(v - max);
                    }

                    var kind = ids[c] == SpecialTokens.Mask ? 0 : ids[c] == label ? 2 : 1;
                    sums[kind] += max + Math.Log(total) - row[(int)label];
                    counts[kind]++;
                }
            }
        }

        (fast.MaskTokens, fast.RandomTokens, fast.OriginalTokens).Should().Be((counts[0], counts[1], counts[2]));
        counts.Should().OnlyContain(c => c > 20);
        fast.MaskTokenLoss.Should().BeApproximately(sums[0] / counts[0], 2e-4);
        fast.RandomTokenLoss.Should().BeApproximately(sums[1] / counts[1], 2e-4);
        fast.OriginalTokenLoss.Should().BeApproximately(sums[2] / counts[2], 2e-4);
        fast.Loss.Should().BeApproximately(sums.Sum() / counts.Sum(), 2e-4);
        TestContext.Out.WriteLine($"[MASK] {fast.MaskTokenLoss:F4}, random {fast.RandomTokenLoss:F4}, true token {fast.OriginalTokenLoss:F4}");

        // The kinds differ by far more than the tolerance, so a mix-up of kinds would not pass.
        Math.Abs(fast.MaskTokenLoss - fast.OriginalTokenLoss).Should().BeGreaterThan(0.01);
        Math.Abs(fast.RandomTokenLoss - fast.OriginalTokenLoss).Should().BeGreaterThan(0.01);
        Directory.Delete(output, recursive: true);
    }
}

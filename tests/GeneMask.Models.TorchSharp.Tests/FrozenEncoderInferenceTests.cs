using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Probing;
using GeneMask.Tokenization;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Frozen-encoder features and losses: batched by length in the model's precision, against direct computations.</summary>
public sealed class FrozenEncoderInferenceTests
{
    [Test]
    public void Features_of_rows_of_several_lengths_are_each_rows_own_mean_hidden_state_in_input_order()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 3);
        var bases = Tiny.GenomeBases(400);
        string[] sequences = [bases[..40], bases[40..65], bases[65..105], bases[105..140], bases[140..152]];
        var features = FrozenEncoder.Features(model, sequences, FeaturePooling.MeanAndCentre, batchSize: 2);

        // Each row alone, by hand: the mean over its k-mer positions ([CLS] and [SEP] excluded) and the middle k-mer.
        var tokenizer = KmerTokenizer.Create(6, Tiny.Config.MaxPositions);
        model.eval();
        using var noGrad = no_grad();
        for (var i = 0; i < sequences.Length; i++)
        {
            var ids = tokenizer.Encode(sequences[i]);
            using var hidden = model.LastHiddenState(tensor(ids.Select(x => (long)x).ToArray(), [1, ids.Length]), ones(1, ids.Length, ScalarType.Int64)).squeeze(0);
            var mean = hidden.narrow(0, 1, ids.Length - 2).mean([0]).data<float>().ToArray();
            var centre = hidden[1 + ((ids.Length - 2) / 2)].data<float>().ToArray();
            features.Row(i).ToArray().Should().Equal([.. mean, .. centre], (a, e) => Math.Abs(a - e) < 1e-5f, $"row {i}");
        }
    }

    [Test]
    public void Bf16_mixed_inference_computes_in_bf16_within_its_rounding_of_float32()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 3);
        var rows = Tiny.GenomeRows(12, 30).Select(r => r[1..^1]).ToList();
        var set = MaskedEvaluationSet.Create("kmer-span", rows, new MlmCollator(new MlmCollatorOptions { Seed = 5 }), MaskingPhase.Of(new KmerSpanMasking()), 5);
        var sequences = Enumerable.Range(0, 8).Select(i => Tiny.GenomeBases(400).Substring(i * 40, 30 + i)).ToArray();

        var lossFp32 = FrozenEncoder.MaskedLmLoss(model, set);
        var featuresFp32 = FrozenEncoder.Features(model, sequences).Values;
        model.UsePrecision(ModelPrecision.Bf16Mixed);
        var lossBf16 = FrozenEncoder.MaskedLmLoss(model, set);
        var featuresBf16 = FrozenEncoder.Features(model, sequences).Values;

        // The set's loss is the predicted-token-weighted mean of the batches' losses.
        model.UsePrecision(ModelPrecision.Fp32);
        double sum = 0;
        foreach (var batch in set.Batches)
        {
            long[] shape = [batch.BatchSize, batch.SequenceLength];
            var n = batch.ElementCount;
            using var loss = model.MaskedLmLoss(tensor(batch.InputIds.AsSpan(0, n).ToArray(), shape), tensor(batch.AttentionMask.AsSpan(0, n).ToArray(), shape), tensor(batch.Labels.AsSpan(0, n).ToArray(), shape));
            sum += loss.item<float>() * (double)batch.PredictedTokens;
        }

        lossFp32.Should().BeApproximately(sum / set.PredictedTokens, 1e-6);

        // bf16 compute: not the float32 numbers, but within bf16's rounding of them (8 significant bits).
        lossBf16.Should().NotBe(lossFp32);
        lossBf16.Should().BeApproximately(lossFp32, 0.02 * lossFp32);
        featuresBf16.Should().NotEqual(featuresFp32);
        featuresBf16.Zip(featuresFp32).Max(p => Math.Abs(p.First - p.Second)).Should().BeLessThan(0.05f * featuresFp32.Max(Math.Abs));
    }
}

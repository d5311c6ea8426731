using System.Runtime.InteropServices;
using GeneMask.Masking;
using GeneMask.Tokenization;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Probing;

/// <summary>
/// Inference with a pretrained masked-LM encoder whose weights do not change: hidden-state features and masked-LM losses,
/// in eval mode and inference mode (no autograd), in large batches of similar length, in the model's precision:
/// <c>model.UsePrecision(ModelPrecision.Bf16Mixed)</c> computes them about twice as fast on CPUs with bf16 instructions
/// (within bf16 rounding of float32; docs/benchmarks.md), <see cref="ModelPrecision.Fp32"/> (a loaded model's default) is
/// the reference.
/// </summary>
public static class FrozenEncoder
{
    /// <summary>
    /// The features of every sequence: its k-mers go through the encoder once and the last hidden states are pooled as
    /// <paramref name="pooling"/> says. Rows are batched by length (sorted), so padding is minimal; the output keeps the
    /// input order.
    /// </summary>
    /// <param name="model">The encoder (kept on its device and precision; its mode is restored afterwards).</param>
    /// <param name="sequences">Bases (A/C/G/T/N); each at least k long.</param>
    /// <param name="pooling">How hidden states become features.</param>
    /// <param name="batchSize">Sequences per forward pass.</param>
    /// <param name="k">The k of the tokenizer. Default 6.</param>
    /// <exception cref="ArgumentException">A sequence is shorter than k or longer than the model's positions allow.</exception>
    public static FeatureMatrix Features(BertForMaskedLM model, IReadOnlyList<string> sequences, FeaturePooling pooling = FeaturePooling.Mean, int batchSize = 256, int k = KmerTokenizer.DefaultK)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if ((pooling & FeaturePooling.MeanAndCentre) == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Choose Mean, Centre or both.");
        }

        var tokenizer = KmerTokenizer.Create(k, model.Config.MaxPositions);
        var encoded = new int[sequences.Count][];
        for (var i = 0; i < encoded.Length; i++)
        {
            var bases = sequences[i] ?? throw new ArgumentException($"Sequence {i} is null.", nameof(sequences));
            if (bases.Length < k)
            {
                throw new ArgumentException($"Sequence {i} has {bases.Length} bases, fewer than one {k}-mer.", nameof(sequences));
            }

            if (KmerTokenizer.EncodedLength(bases.Length, k) > model.Config.MaxPositions)
            {
                throw new ArgumentException($"Sequence {i} has {bases.Length} bases: {bases.Length - k + 1} {k}-mers plus [CLS]/[SEP] exceed the model's {model.Config.MaxPositions} positions.", nameof(sequences));
            }

            encoded[i] = tokenizer.Encode(bases);
        }

        var hiddenSize = model.Config.HiddenSize;
        var parts = (pooling.HasFlag(FeaturePooling.Mean) ? 1 : 0) + (pooling.HasFlag(FeaturePooling.Centre) ? 1 : 0);
        var dimension = hiddenSize * parts;
        var values = new float[encoded.Length * dimension];
        var order = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Length).ThenBy(i => i).ToArray();
        var device = model.parameters().First().device;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
                var length = encoded[batch[^1]].Length;
                var ids = new long[batch.Length * length];
                var attention = new long[ids.Length];
                var kmerMask = new float[ids.Length];
                var centre = new long[batch.Length];
                for (var r = 0; r < batch.Length; r++)
                {
                    var row = encoded[batch[r]];
                    for (var c = 0; c < row.Length; c++)
                    {
                        ids[(r * length) + c] = row[c];
                        attention[(r * length) + c] = 1;
                        kmerMask[(r * length) + c] = c > 0 && c < row.Length - 1 ? 1f : 0f;
                    }

                    centre[r] = 1 + ((row.Length - 2) / 2);
                }

                long[] shape = [batch.Length, length];
                var hidden = model.LastHiddenState(tensor(ids, shape).to(device), tensor(attention, shape).to(device)).to_type(ScalarType.Float32).cpu();
                var pieces = new List<Tensor>(2);
                if (pooling.HasFlag(FeaturePooling.Mean))
                {
                    var weights = tensor(kmerMask, shape).unsqueeze(2);
                    pieces.Add((hidden * weights).sum(1) / weights.sum(1));
                }

                if (pooling.HasFlag(FeaturePooling.Centre))
                {
                    var index = tensor(centre).view(batch.Length, 1, 1).expand(batch.Length, 1, hiddenSize);
                    pieces.Add(hidden.gather(1, index).squeeze(1));
                }

                var features = (pieces.Count == 1 ? pieces[0] : cat(pieces, 1)).contiguous().data<float>().ToArray();
                for (var r = 0; r < batch.Length; r++)
                {
                    features.AsSpan(r * dimension, dimension).CopyTo(values.AsSpan(batch[r] * dimension, dimension));
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new FeatureMatrix(values, encoded.Length, dimension);
    }

    /// <summary>
    /// The mean masked-LM loss (nats per predicted token) of <paramref name="model"/> on a fixed masked set: the same
    /// positions from the same inputs for every model scored on it. The full loss of <see cref="MaskedLmLossByInput"/>.
    /// </summary>
    public static double MaskedLmLoss(BertForMaskedLM model, MaskedEvaluationSet set) => MaskedLmLossByInput(model, set).Loss;

    /// <summary>
    /// The masked-LM loss of <paramref name="model"/> on a fixed masked set, split by what the input shows at each
    /// predicted position (<c>[MASK]</c>, a random token, the true token). Scored by
    /// <see cref="MaskedEvaluationSet.Score"/>, the same accounting as the set's baselines and any other predictor.
    /// </summary>
    /// <exception cref="ArgumentException">The model's vocabulary is not the set's.</exception>
    public static MaskedLoss MaskedLmLossByInput(BertForMaskedLM model, MaskedEvaluationSet set)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        if (model.Config.VocabularySize != set.VocabularySize)
        {
            throw new ArgumentException($"The model has {model.Config.VocabularySize} ids; the masked set '{set.Name}' has {set.VocabularySize} ({set.K}-mers).", nameof(set));
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            return set.Score(new MaskedLmPredictor(model));
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>A model as a source of log-probabilities at the predicted positions (eval mode and inference mode are the caller's).</summary>
    private sealed class MaskedLmPredictor(BertForMaskedLM model) : IMaskedTokenPredictor
    {
        private readonly Device _device = model.parameters().First().device;

        public void PredictLogProbabilities(MlmBatch batch, ReadOnlySpan<int> positions, Span<float> logProbabilities)
        {
            using var scope = NewDisposeScope();
            long[] shape = [batch.BatchSize, batch.SequenceLength];
            var n = batch.ElementCount;
            var index = new long[positions.Length];
            for (var i = 0; i < index.Length; i++)
            {
                index[i] = positions[i];
            }

            var logits = model.LogitsAt(
                tensor(batch.InputIds.AsSpan(0, n).ToArray(), shape).to(_device),
                tensor(batch.AttentionMask.AsSpan(0, n).ToArray(), shape).to(_device),
                tensor(index).to(_device));
            var values = nn.functional.log_softmax(logits, 1).cpu().contiguous();
            MemoryMarshal.Cast<byte, float>(values.bytes).CopyTo(logProbabilities);
        }
    }
}

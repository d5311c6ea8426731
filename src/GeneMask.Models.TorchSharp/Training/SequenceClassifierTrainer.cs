using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TorchSharp;
using GeneMask.Models.TorchSharp.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// Fine-tunes <see cref="BertForSequenceClassification"/> from a pretrained checkpoint (or a fresh model) and predicts
/// the test set: AdamW, linear warm-up and decay, gradient clipping, the epoch with the lowest dev loss kept when a dev
/// split exists. Deterministic for a given job seed and torch thread count.
/// </summary>
public sealed class SequenceClassifierTrainer : ISequenceClassifierTrainer
{
    private readonly SequenceClassifierOptions _options;
    private readonly ILogger _logger;
    private readonly KmerTokenizer _tokenizer;

    /// <summary>Creates the trainer; the options are validated here.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid (the message names the field and value).</exception>
    public SequenceClassifierTrainer(IOptions<SequenceClassifierOptions> options, ILogger<SequenceClassifierTrainer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new SequenceClassifierOptionsValidator().Validated(options.Value);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _tokenizer = KmerTokenizer.Create(_options.KmerSize);
    }

    /// <inheritdoc/>
    public ClassifierPredictions FineTuneAndPredict(FineTuneJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ValidateJob(job);
        TorchNativeLibrary.EnsureLoaded();
        var device = TorchDevices.Resolve(_options.Device);
        var settings = job.Settings;

        using var model = BuildModel(job.ClassCount, job.Seed, settings.HiddenDropout);
        model.to(device);
        model.UsePrecision(_options.Precision);
        var scaler = DynamicLossScaler.For(_options.Precision);
        var maxLength = Math.Min(settings.MaxLength, model.Config.MaxPositions);
        var train = Encode(job.Train, maxLength, "train", job.ClassCount, job.UnknownAroundTraining);
        var dev = job.Dev is { Count: > 0 } ? Encode(job.Dev, maxLength, "dev", job.ClassCount) : null;
        var test = Encode(job.Test, maxLength, "test", job.ClassCount);

        // One optimizer step takes GradientAccumulationSteps micro-batches of BatchSize; a short last step takes what is left.
        var accumulation = settings.GradientAccumulationSteps;
        var microBatchesPerEpoch = (train.Length + settings.BatchSize - 1) / settings.BatchSize;
        var stepsPerEpoch = (microBatchesPerEpoch + accumulation - 1) / accumulation;
        long totalSteps = (long)stepsPerEpoch * settings.Epochs;
        if (settings.MaxSteps is { } cap)
        {
            totalSteps = Math.Min(totalSteps, cap);
        }

        // GUE settings give the warm-up in steps (DNABERT-2's script); the few-shot ones as a ratio.
        var warmup = settings.WarmupSteps is { } warmupSteps
            ? Math.Min(warmupSteps, totalSteps)
            : (long)Math.Ceiling(settings.WarmupRatio * totalSteps);
        Log.FineTuneStarted(_logger, job.TaskName, train.Length, dev?.Length ?? 0, test.Length, totalSteps, job.Seed);

        using var optimizer = OptimizerSetup.CreateAdamW(model, settings.LearningRate, settings.WeightDecay, _options.Beta1, _options.Beta2, _options.AdamEpsilon);
        var parameters = model.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        var shuffle = new SeededRandom(unchecked((ulong)job.Seed));
        var order = Enumerable.Range(0, train.Length).ToArray();
        Dictionary<string, Tensor>? best = null;
        var bestLoss = double.PositiveInfinity;
        long step = 0;
        long micro = 0;
        double epochLoss = 0;
        long epochRows = 0;

        void SelectOnDev(int epoch)
        {
            var (devLoss, devAccuracy) = Evaluate(model, dev!, device, job.ClassCount);
            model.train();
            Log.FineTuneEpoch(_logger, job.TaskName, epoch, epochLoss / Math.Max(1, epochRows), devLoss, devAccuracy);
            if (devLoss < bestLoss)
            {
                bestLoss = devLoss;
                DisposeAll(best);
                best = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone(), StringComparer.Ordinal);
                Log.FineTuneSelected(_logger, job.TaskName, epoch, devLoss);
            }
        }

        try
        {
            for (var epoch = 1; epoch <= settings.Epochs && step < totalSteps; epoch++)
            {
                shuffle.Shuffle(order.AsSpan());
                model.train();
                (epochLoss, epochRows) = (0, 0);
                for (var stepStart = 0; stepStart < order.Length && step < totalSteps; stepStart += settings.BatchSize * accumulation)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    step++;
                    var stepRows = Math.Min(settings.BatchSize * accumulation, order.Length - stepStart);
                    optimizer.zero_grad();
                    for (var start = stepStart; start < stepStart + stepRows; start += settings.BatchSize)
                    {
                        using var scope = NewDisposeScope();
                        micro++;
                        using var dropoutSeed = DropoutRandom.Seed(OptimizerSetup.DeriveSeed(job.Seed, micro), device);
                        var batch = order.AsSpan(start, Math.Min(settings.BatchSize, stepStart + stepRows - start));
                        var (ids, mask, labels) = MakeBatch(train, batch, device);
                        var logits = model.call(ids, mask).to_type(ScalarType.Float32);
                        var loss = nn.functional.cross_entropy(logits, labels);
                        var lossValue = loss.item<float>();
                        if (!float.IsFinite(lossValue))
                        {
                            throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture, $"{job.TaskName}: fine-tuning loss is {lossValue} at step {step} (seed {job.Seed})."))
                            {
                                Step = step,
                            };
                        }

                        epochLoss += lossValue * batch.Length;
                        epochRows += batch.Length;

                        // Each row weighs the same whatever micro-batch it falls in (as one batch of stepRows would).
                        GradientStep.ForBackward(loss.Times((double)batch.Length / stepRows), scaler).backward();
                    }

                    OptimizerSetup.SetLearningRate(optimizer, OptimizerSetup.LinearWarmupDecay(step, warmup, totalSteps, settings.LearningRate));
                    GradientStep.ClipAndStep(optimizer, parameters, _options.MaxGradientNorm, scaler);
                    if (dev is not null && settings.EvaluationSteps is { } every && step % every == 0)
                    {
                        SelectOnDev(epoch);
                    }
                }

                if (dev is not null && settings.EvaluationSteps is null)
                {
                    SelectOnDev(epoch);
                }
            }

            if (best is not null)
            {
                using var noGrad = no_grad();
                var current = model.state_dict();
                foreach (var (key, value) in best)
                {
                    current[key].copy_(value);
                }
            }

            return Predict(model, test, device, job.ClassCount);
        }
        finally
        {
            DisposeAll(best);
        }
    }

    private BertForSequenceClassification BuildModel(int classCount, int seed, double? hiddenDropout)
    {
        if (_options.PretrainedModelPath is not { } path)
        {
            var fresh = _options.Config!;
            return BertForSequenceClassification.Create(hiddenDropout is { } d ? fresh with { HiddenDropout = d } : fresh, classCount, seed);
        }

        var config = _options.Config;
        if (hiddenDropout is { } dropout)
        {
            // Fine-tuning dropout is a fine-tuning setting: LOGO pretrains without dropout, the paper fine-tunes it with 0.1.
            config = (config ?? BertCheckpoint.ReadConfigBeside(path)) with { HiddenDropout = dropout };
        }

        return BertForSequenceClassification.FromPretrained(path, classCount, seed, config);
    }

    private static void ValidateJob(FineTuneJob job)
    {
        var s = job.Settings;
        if (job.ClassCount < 2)
        {
            throw new ArgumentException($"FineTuneJob '{job.TaskName}': ClassCount must be at least 2; found {job.ClassCount}.", nameof(job));
        }

        if (job.Train.Count == 0)
        {
            throw new ArgumentException($"FineTuneJob '{job.TaskName}': the training set is empty.", nameof(job));
        }

        if (s.LearningRate <= 0 || s.Epochs < 1 || s.BatchSize < 1 || s.WarmupRatio is < 0 or > 1 || s.WarmupSteps < 0 || s.WeightDecay < 0 || s.MaxLength < 3
            || s.GradientAccumulationSteps < 1 || s.EvaluationSteps < 1 || s.MaxSteps < 1 || s.HiddenDropout is < 0 or >= 1)
        {
            throw new ArgumentException($"FineTuneJob '{job.TaskName}': invalid settings {s} (need lr > 0, epochs ≥ 1, batch ≥ 1, warm-up ratio in [0, 1], warm-up steps ≥ 0, weight decay ≥ 0, max length ≥ 3, accumulation ≥ 1, evaluation steps and max steps null or ≥ 1, hidden dropout null or in [0, 1)).", nameof(job));
        }
    }

    /// <summary>
    /// <c>[CLS] [UNK] k-mers [UNK] [SEP]</c>, cut from the end to <paramref name="maxLength"/> ids as the upstream reader's
    /// tokenizer truncates (the quotes of the few-shot files become [UNK], reference notes §6.6).
    /// </summary>
    internal static int[] EncodeWithUnknownEnds(ReadOnlySpan<int> kmerIds, int maxLength)
    {
        var content = Math.Min(kmerIds.Length + 2, maxLength - 2);
        var ids = new int[content + 2];
        ids[0] = SpecialTokens.Cls;
        ids[1] = SpecialTokens.Unknown;
        kmerIds[..Math.Min(kmerIds.Length, content - 1)].CopyTo(ids.AsSpan(2));
        if (kmerIds.Length + 2 <= content)
        {
            ids[content] = SpecialTokens.Unknown;
        }

        ids[^1] = SpecialTokens.Sep;
        return ids;
    }

    private Example[] Encode(IReadOnlyList<LabelledSequence> rows, int maxLength, string split, int classCount, bool unknownEnds = false)
    {
        var tokenizer = maxLength == _tokenizer.MaxLength ? _tokenizer : KmerTokenizer.Create(_tokenizer.K, maxLength);
        var result = new Example[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if ((uint)row.Label >= (uint)classCount)
            {
                throw new ArgumentException($"{split} example {i}: label {row.Label} is outside 0..{classCount - 1}.", nameof(rows));
            }

            if (row.Bases.Length < tokenizer.K)
            {
                throw new ArgumentException($"{split} example {i}: {row.Bases.Length} bases is shorter than one {tokenizer.K}-mer.", nameof(rows));
            }

            result[i] = new Example(unknownEnds ? EncodeWithUnknownEnds(tokenizer.EncodeKmers(row.Bases), maxLength) : tokenizer.Encode(row.Bases), row.Label);
        }

        return result;
    }

    private static (Tensor Ids, Tensor Mask, Tensor Labels) MakeBatch(Example[] examples, ReadOnlySpan<int> indices, Device device)
    {
        var length = 0;
        foreach (var i in indices)
        {
            length = Math.Max(length, examples[i].Ids.Length);
        }

        var ids = new long[indices.Length * length];
        var mask = new long[ids.Length];
        var labels = new long[indices.Length];
        for (var r = 0; r < indices.Length; r++)
        {
            var example = examples[indices[r]];
            for (var c = 0; c < example.Ids.Length; c++)
            {
                ids[(r * length) + c] = example.Ids[c];
                mask[(r * length) + c] = 1;
            }

            labels[r] = example.Label;
        }

        long[] shape = [indices.Length, length];
        return (tensor(ids, shape).to(device), tensor(mask, shape).to(device), tensor(labels).to(device));
    }

    private (double Loss, double Accuracy) Evaluate(BertForSequenceClassification model, Example[] examples, Device device, int classCount)
    {
        var probabilities = RunInference(model, examples, device, classCount, out var lossSum);
        var correct = 0;
        for (var i = 0; i < examples.Length; i++)
        {
            if (ArgMax(probabilities.AsSpan(i * classCount, classCount)) == examples[i].Label)
            {
                correct++;
            }
        }

        return (lossSum / examples.Length, (double)correct / examples.Length);
    }

    private ClassifierPredictions Predict(BertForSequenceClassification model, Example[] examples, Device device, int classCount)
    {
        var probabilities = RunInference(model, examples, device, classCount, out _);
        var labels = new int[examples.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = ArgMax(probabilities.AsSpan(i * classCount, classCount));
        }

        return new ClassifierPredictions(labels, probabilities);
    }

    /// <summary>
    /// Class probabilities of every example, in the examples' order, from <see cref="BertForSequenceClassification.PredictLogits"/>
    /// (inference mode, eval mode, batches grouped by length); softmax and the summed cross-entropy in double precision.
    /// </summary>
    private float[] RunInference(BertForSequenceClassification model, Example[] examples, Device device, int classCount, out double lossSum)
    {
        _ = device; // The model scores on its own device.
        var rows = new int[examples.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = examples[i].Ids;
        }

        var logits = model.PredictLogits(rows, _options.EvaluationBatchSize);
        var probabilities = new float[logits.Length];
        lossSum = 0;
        for (var i = 0; i < examples.Length; i++)
        {
            var row = logits.AsSpan(i * classCount, classCount);
            double max = double.NegativeInfinity, sum = 0;
            foreach (var value in row)
            {
                max = Math.Max(max, value);
            }

            foreach (var value in row)
            {
                sum += Math.Exp(value - max);
            }

            for (var c = 0; c < classCount; c++)
            {
                probabilities[(i * classCount) + c] = (float)(Math.Exp(row[c] - max) / sum);
            }

            lossSum += Math.Log(sum) + max - row[examples[i].Label];
        }

        return probabilities;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? state)
    {
        if (state is null)
        {
            return;
        }

        foreach (var t in state.Values)
        {
            t.Dispose();
        }
    }

    private readonly record struct Example(int[] Ids, int Label);
}

using System.Diagnostics;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp;
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
/// Masked-LM pretraining of <see cref="BertForMaskedLM"/> on a binary token corpus, with masks chosen by an
/// <see cref="ICurriculumScheduler"/>: exactly <see cref="PretrainingOptions.MaxSteps"/> AdamW steps, linear warm-up
/// and decay, gradient accumulation and clipping, periodic validation feeding the curriculum, JSON-lines metrics,
/// atomic resumable checkpoints.
/// </summary>
/// <remarks>
/// Determinism: the data order, the masks and dropout are functions of the seed and the batch index, and a checkpoint
/// stores the optimizer, the curriculum and the data position, so on the CPU a run resumed from a checkpoint produces
/// the same losses as one that was never stopped (for a fixed torch thread count). Dropout reseeds torch's global
/// generator per micro-batch: run one trainer per process at a time.
/// </remarks>
public sealed class MlmPretrainer
{
    /// <summary>File name of the resumable checkpoint in the output folder.</summary>
    public const string CheckpointFileName = "checkpoint.gmck";

    /// <summary>File name of the metrics (JSON lines) in the output folder.</summary>
    public const string MetricsFileName = "metrics.jsonl";

    /// <summary>Folder (inside the output folder) of the exported model.</summary>
    public const string ModelFolderName = "model";

    private readonly PretrainingOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the trainer; the options are validated here.</summary>
    /// <exception cref="OptionsValidationException">An option is invalid (the message names the field and value).</exception>
    public MlmPretrainer(IOptions<PretrainingOptions> options, ILogger<MlmPretrainer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new PretrainingOptionsValidator().Validated(options.Value);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Called on the training thread after every optimizer step (tests observe native memory with it).</summary>
    internal Action<long>? AfterStep { get; set; }

    /// <summary>Wraps the checkpoint stream (tests inject write failures with it).</summary>
    internal Func<Stream, Stream>? CheckpointStreamWrapper { get; set; }

    /// <summary>The first fp16 loss scale (tests provoke overflows with a large one).</summary>
    internal double InitialLossScale { get; set; } = DynamicLossScaler.DefaultInitialScale;

    /// <summary>
    /// Runs (or resumes) pretraining. The model is moved to the configured device and precision and trained in place.
    /// </summary>
    /// <param name="model">The model; its weights are replaced by the checkpoint's when resuming.</param>
    /// <param name="train">The training corpus.</param>
    /// <param name="validation">The validation corpus (masked with <see cref="PretrainingOptions.ValidationSeed"/>).</param>
    /// <param name="curriculum">Chooses the masking phase of every batch; receives the validation perplexities.</param>
    /// <param name="collatorOptions">The 80/10/10 and padding settings; its seed is replaced by the run seed. Null for the defaults.</param>
    /// <param name="progress">Receives one report per optimizer step.</param>
    /// <param name="cancellationToken">Stops the run between steps (the last checkpoint stays valid).</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good checkpoint is kept.</exception>
    /// <exception cref="RunMismatchException">Resuming, and the checkpoint in the output folder belongs to a run with other settings or data.</exception>
    /// <exception cref="Checkpoints.CorruptCheckpointException">Resuming, and the checkpoint is truncated or damaged.</exception>
    /// <exception cref="OutputFolderInUseException">Another process is writing into the output folder.</exception>
    public PretrainingResult Train(
        BertForMaskedLM model,
        TokenCorpus train,
        TokenCorpus validation,
        ICurriculumScheduler curriculum,
        MlmCollatorOptions? collatorOptions = null,
        IProgress<PretrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(curriculum);
        TorchNativeLibrary.EnsureLoaded();
        var o = _options;
        CheckCorpus(train, model.Config, "training");
        CheckCorpus(validation, model.Config, "validation");
        if (o.MaxSequenceLength > model.Config.MaxPositions)
        {
            throw new ArgumentException($"PretrainingOptions.MaxSequenceLength ({o.MaxSequenceLength}) exceeds the model's MaxPositions ({model.Config.MaxPositions}).", nameof(model));
        }

        var device = TorchDevices.Resolve(o.Device);
        model.to(device);
        model.UsePrecision(o.Precision);
        var scaler = DynamicLossScaler.For(o.Precision, InitialLossScale);
        Directory.CreateDirectory(o.OutputDirectory);
        using var claim = OutputLock.Acquire(o.OutputDirectory);
        var checkpointPath = Path.Combine(o.OutputDirectory, CheckpointFileName);
        var collatorSettings = CopyCollatorOptions(collatorOptions, train.K, o.MaxSequenceLength, (ulong)o.Seed);
        var evaluationInterval = o.EvaluationInterval > 0 ? o.EvaluationInterval : curriculum.EvaluationInterval ?? 500;
        var fingerprint = RunFingerprint.Create(o, evaluationInterval, model.Config, curriculum, collatorSettings, train, validation);
        if (!o.Resume && File.Exists(checkpointPath))
        {
            // Starting over: the other run's checkpoint must not be resumed with this run's metrics if this one is stopped early.
            File.Delete(checkpointPath);
        }

        using var optimizer = OptimizerSetup.CreateAdamW(model, o.LearningRate, o.WeightDecay, o.Beta1, o.Beta2, o.AdamEpsilon);
        var parameters = model.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        long startStep = 0;
        if (o.Resume && File.Exists(checkpointPath))
        {
            // Cheap checks first: the checksum, then the run's identity, and only then the tensors.
            TrainingCheckpoint.Verify(checkpointPath);
            var differences = RunFingerprint.Parse(TrainingCheckpoint.ReadState(checkpointPath).RunFingerprint).Compare(fingerprint);
            if (differences.Count > 0)
            {
                throw new RunMismatchException(checkpointPath, differences);
            }

            var state = TrainingCheckpoint.Read(checkpointPath, model, optimizer, verify: false);
            curriculum.RestoreState(CurriculumState.FromJson(state.CurriculumStateJson));
            if (state.RngState.Length > 0)
            {
                using var rng = tensor(state.RngState);
                random.set_rng_state(rng);
            }

            if (scaler is not null && state.LossScaler is { } saved)
            {
                scaler.Restore(saved.Scale, saved.CleanSteps, saved.SkippedSteps);
            }

            startStep = state.Step;
            Log.Resumed(_logger, checkpointPath, startStep);
        }

        var collator = new MlmCollator(collatorSettings);
        var validationCollator = collator.WithSeed(o.ValidationSeed);
        var accumulation = o.GradientAccumulationSteps;
        var steps = new List<PretrainingMetrics>();
        var validations = new List<ValidationResult>();
        var changes = new List<PhaseChange>();
        var lastGood = File.Exists(checkpointPath) ? checkpointPath : null;
        Log.PretrainingStarted(_logger, parameters.Sum(p => p.numel()), o.MaxSteps, device.ToString(), o.Precision.ToString(), startStep);

        using var metrics = MetricsWriter.Open(Path.Combine(o.OutputDirectory, MetricsFileName), startStep);
        var order = new DataOrder(train.RowCount, o.Seed);
        var maxKmers = o.MaxSequenceLength - 2;
        using var producer = new MaskedBatchProducer(
            collator,
            curriculum,
            (batchIndex, rows) => FillRows(train, order, batchIndex, o.BatchSize, maxKmers, rows),
            new MaskedBatchProducerOptions
            {
                Capacity = o.PrefetchBatches,
                StartBatchIndex = startStep * accumulation,
                BatchesPerStep = accumulation,
                TotalSteps = o.MaxSteps,
            });
        string? previousPhase = curriculum.SaveState().ReportedPhase;

        model.train();
        for (var step = startStep + 1; step <= o.MaxSteps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            long predicted = 0, realTokens = 0;
            MaskingPhase phase = default;
            for (var micro = 0; micro < accumulation; micro++)
            {
                var batch = producer.Read(cancellationToken)
                    ?? throw new InvalidOperationException($"The batch producer ended before step {step}.");
                using var scope = NewDisposeScope();
                phase = batch.Phase;
                using var dropoutSeed = DropoutRandom.Seed(OptimizerSetup.DeriveSeed(o.Seed, batch.BatchIndex), device);
                long[] shape = [batch.BatchSize, batch.SequenceLength];
                var ids = tensor(batch.InputIds, shape).to(device);
                var mask = tensor(batch.AttentionMask, shape).to(device);
                var labels = tensor(batch.Labels, shape).to(device);
                predicted += batch.PredictedTokens;
                realTokens += batch.RealTokens;
                var hasLabels = batch.PredictedTokens > 0;
                producer.Return(batch);
                if (!hasLabels)
                {
                    continue; // Nothing to predict in this micro-batch (possible with tiny masking probabilities).
                }

                var loss = model.MaskedLmLoss(ids, mask, labels);
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                {
                    Log.Diverged(_logger, step, value, lastGood ?? "none");
                    throw new TrainingDivergedException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The masked-LM loss is {value} at step {step} (micro-batch {batch.BatchIndex}); training stopped. Last good checkpoint: {lastGood ?? "none written"}."))
                    {
                        Step = step,
                        LastGoodCheckpoint = lastGood,
                    };
                }

                lossSum += value;
                using var divisor = accumulation.ToScalar();
                GradientStep.ForBackward(loss.div(divisor), scaler).backward();
            }

            var learningRate = OptimizerSetup.LinearWarmupDecay(step, o.WarmupSteps, o.MaxSteps, o.LearningRate);
            var lossScale = scaler?.Scale;
            bool applied;
            using (NewDisposeScope())
            {
                OptimizerSetup.SetLearningRate(optimizer, learningRate);
                applied = GradientStep.ClipAndStep(optimizer, parameters, o.MaxGradientNorm, scaler);
                optimizer.zero_grad();
            }

            if (!applied)
            {
                Log.StepSkipped(_logger, step, lossScale ?? 0, scaler!.SkippedSteps);
            }

            string? changedFrom = null;
            if (!string.Equals(phase.Name, previousPhase, StringComparison.Ordinal))
            {
                if (previousPhase is not null)
                {
                    changes.Add(new PhaseChange(step - 1, previousPhase, phase.Name));
                    Log.PhaseChanged(_logger, step, previousPhase, phase.Name);
                    changedFrom = previousPhase;
                }

                previousPhase = phase.Name;
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var record = new PretrainingMetrics(step, lossSum / accumulation, learningRate, phase.Name, phase.Probability, realTokens / Math.Max(seconds, 1e-9), predicted)
            {
                LossScale = lossScale,
                Skipped = scaler is null ? null : !applied,
            };
            if (changedFrom is not null)
            {
                // On the first step masked with the new phase: the step the change takes effect.
                record = record with { PhaseChangedTo = phase.Name, PhaseChangedFrom = changedFrom };
            }

            if (step % evaluationInterval == 0 || step == o.MaxSteps)
            {
                var result = Evaluate(model, validation, validationCollator, curriculum, phase, device, step);
                validations.Add(result);
                model.train();
                curriculum.OnEvaluation(step, result.Perplexity);
                record = record with { ValidationLoss = result.Loss, Perplexity = result.Perplexity };
                Log.Evaluated(_logger, step, result.Loss, result.Perplexity);
            }

            metrics.Write(record);
            steps.Add(record);
            Log.StepCompleted(_logger, step, record.Loss, learningRate, phase.Name, phase.Probability, record.TokensPerSecond);

            if ((o.CheckpointInterval > 0 && step % o.CheckpointInterval == 0) || step == o.MaxSteps)
            {
                WriteCheckpoint(checkpointPath, model, optimizer, curriculum, step, accumulation, fingerprint.ToString(), scaler);
                lastGood = checkpointPath;
            }

            progress?.Report(new PretrainingProgress(step, o.MaxSteps, record));
            AfterStep?.Invoke(step);
        }

        if (startStep >= o.MaxSteps && !File.Exists(checkpointPath))
        {
            WriteCheckpoint(checkpointPath, model, optimizer, curriculum, o.MaxSteps, accumulation, fingerprint.ToString(), scaler);
        }

        var modelDirectory = Path.Combine(o.OutputDirectory, ModelFolderName);
        model.SavePretrained(modelDirectory);
        metrics.Dispose();
        return new PretrainingResult(startStep, steps, validations, changes, checkpointPath, modelDirectory)
        {
            // The whole run's changes, those before a resume included: the metrics file reads as one uninterrupted run.
            RunPhaseChanges = startStep == 0 ? changes : MetricsWriter.ReadPhaseChanges(Path.Combine(o.OutputDirectory, MetricsFileName)),
            RunFingerprint = fingerprint.ToString(),
            SkippedSteps = scaler?.SkippedSteps ?? 0,
        };
    }

    /// <summary>
    /// Mean masked-LM loss per predicted token on the validation corpus (its first <see cref="PretrainingOptions.MaxValidationRows"/>
    /// rows), masked with the validation seed and the phase of the current step, so evaluations are comparable.
    /// </summary>
    private ValidationResult Evaluate(BertForMaskedLM model, TokenCorpus corpus, MlmCollator collator, ICurriculumScheduler curriculum, MaskingPhase phase, Device device, long step)
    {
        model.eval();
        using var inference = inference_mode();
        var rowCount = _options.MaxValidationRows == 0 ? corpus.RowCount : Math.Min(corpus.RowCount, _options.MaxValidationRows);
        var maxKmers = _options.MaxSequenceLength - 2;
        var rows = new KmerRows(_options.BatchSize, maxKmers);
        var batch = new MlmBatch();
        double lossSum = 0;
        long predicted = 0;
        long batchIndex = 0;
        for (long start = 0; start < rowCount; start += _options.BatchSize, batchIndex++)
        {
            rows.Clear();
            for (var row = start; row < Math.Min(rowCount, start + _options.BatchSize); row++)
            {
                var full = corpus.GetRow(row);
                rows.Add(full.AsSpan(0, Math.Min(full.Length, maxKmers)));
            }

            collator.Collate(rows, batchIndex, phase, batch);
            if (batch.PredictedTokens == 0)
            {
                continue;
            }

            using var scope = NewDisposeScope();
            long[] shape = [batch.BatchSize, batch.SequenceLength];
            var loss = model.MaskedLmLoss(tensor(batch.InputIds, shape).to(device), tensor(batch.AttentionMask, shape).to(device), tensor(batch.Labels, shape).to(device));
            lossSum += loss.item<float>() * batch.PredictedTokens;
            predicted += batch.PredictedTokens;
        }

        if (predicted == 0)
        {
            throw new InvalidOperationException($"Validation at step {step}: phase '{phase.Name}' masked no position in {rowCount} validation rows; use more validation rows.");
        }

        var mean = lossSum / predicted;
        if (!double.IsFinite(mean))
        {
            throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture, $"The validation loss is {mean} at step {step}.")) { Step = step };
        }

        return new ValidationResult(step, mean, Math.Exp(mean), phase.Name);
    }

    /// <summary>The rows of micro-batch <paramref name="batchIndex"/>: a pure function of the index (resume-safe).</summary>
    private static void FillRows(TokenCorpus corpus, DataOrder order, long batchIndex, int batchSize, int maxKmers, KmerRows rows)
    {
        for (var slot = 0; slot < batchSize; slot++)
        {
            var row = order.RowAt((batchIndex * batchSize) + slot);
            var length = corpus.RowLength(row);
            if (length <= maxKmers)
            {
                corpus.CopyRow(row, rows.Append(length));
            }
            else
            {
                // Rows longer than the block are cut to it, as a block size does upstream.
                corpus.GetRow(row).AsSpan(0, maxKmers).CopyTo(rows.Append(maxKmers));
            }
        }
    }

    private void WriteCheckpoint(string path, BertForMaskedLM model, OptimizerHelper optimizer, ICurriculumScheduler curriculum, long step, int accumulation, string fingerprint, DynamicLossScaler? scaler)
    {
        using var rng = random.get_rng_state();
        var state = new CheckpointState
        {
            Step = step,
            BatchesConsumed = step * accumulation,
            Seed = _options.Seed,
            CurriculumStateJson = curriculum.SaveState().ToJson(),
            RngState = rng.data<byte>().ToArray(),
            RunFingerprint = fingerprint,
            LossScaler = scaler is null ? null : new LossScalerState(scaler.Scale, scaler.CleanSteps, scaler.SkippedSteps),
        };
        TrainingCheckpoint.Write(path, state, model, optimizer, CheckpointStreamWrapper);
        Log.CheckpointWritten(_logger, step, path);
    }

    private static MlmCollatorOptions CopyCollatorOptions(MlmCollatorOptions? source, int k, int maxLength, ulong seed)
    {
        source ??= new MlmCollatorOptions();
        return new MlmCollatorOptions
        {
            K = k,
            MaskTokenProbability = source.MaskTokenProbability,
            RandomTokenProbability = source.RandomTokenProbability,
            RandomReplacement = source.RandomReplacement,
            Padding = source.Padding,
            PadToMultipleOf = source.PadToMultipleOf,
            MaxSequenceLength = maxLength,
            Seed = seed,
        };
    }

    private static void CheckCorpus(TokenCorpus corpus, BertConfig config, string role)
    {
        if (corpus.RowCount == 0)
        {
            throw new ArgumentException($"The {role} corpus '{corpus.Path}' has no rows.", nameof(corpus));
        }

        if (corpus.VocabularySize != config.VocabularySize)
        {
            throw new ArgumentException($"The {role} corpus '{corpus.Path}' has a vocabulary of {corpus.VocabularySize} ids (k = {corpus.K}); the model expects {config.VocabularySize}.", nameof(corpus));
        }
    }
}

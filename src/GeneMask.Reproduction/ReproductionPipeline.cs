using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Infrastructure;
using GeneMask.Reproduction.Reports;
using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Runs;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Reproduction;

/// <summary>
/// Chains the paper's pipeline: PMI table from the genome → pretraining corpus → one masked-LM pretraining per strategy
/// → few-shot (Table 4) or GUE (Tables 2, 6) fine-tuning of every pretrained model → the paper-shaped table and plots.
/// Every stage writes its files under the output folder; a rerun reuses finished pretrainings, resumes an interrupted
/// one from its checkpoint and skips fine-tuning runs already in <c>results.json</c>.
/// </summary>
public sealed class ReproductionPipeline
{
    /// <summary>The PMI table file under the output folder.</summary>
    public const string PmiTableFile = "pmi-k6.csv";

    /// <summary>The fine-tuning results file under the output folder.</summary>
    public const string ResultsFile = "results.json";

    /// <summary>The resolved plan (every setting, <see cref="ReproductionPlan"/>) written beside the report.</summary>
    public const string PlanFile = "plan.json";

    /// <summary>Marker written into a pretraining folder once the run has finished.</summary>
    public const string DoneMarkerFile = "done.json";

    private readonly ReproductionOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private bool _lastStageReused;

    /// <summary>Creates a pipeline; the options are validated here.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid (every failure named).</exception>
    public ReproductionPipeline(ReproductionOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new ReproductionOptionsValidator().Validated(options);
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<ReproductionPipeline>();
    }

    /// <summary>The options the pipeline runs with.</summary>
    public ReproductionOptions Options => _options;

    /// <summary>Whether the last stage run (e.g. <see cref="Pretrain"/>) found its result already there, of the same run, and reused it.</summary>
    public bool LastStageReused => _lastStageReused;

    /// <summary>The stage names in order, as <see cref="ReproductionProgress.Stage"/> reports them.</summary>
    public IReadOnlyList<string> StageNames =>
    [
        "PMI table",
        "corpus",
        .. _options.Strategies.Select(s => "pretrain " + MaskingCatalog.Get(s).Name),
        .. _options.Strategies.Select(s => (_options.Table == 4 ? "few-shot " : "GUE ") + MaskingCatalog.Get(s).Name),
        .. _options.BaselineModel is null ? Array.Empty<string>() : ["few-shot " + ReproductionFidelity.BaselineModelName],
        "report",
    ];

    /// <summary>Runs every stage.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished stages and the last pretraining checkpoint are kept.</exception>
    public ReproductionSummary Run(ReproductionInputs inputs, IProgress<ReproductionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.FastaFiles is not { Count: > 0 })
        {
            throw new ArgumentException("ReproductionInputs.FastaFiles must list at least one genome FASTA file.", nameof(inputs));
        }

        foreach (var file in inputs.FastaFiles.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"Genome FASTA file not found: {file}", file);
        }

        if (!Directory.Exists(inputs.DataRoot))
        {
            throw new DirectoryNotFoundException($"Benchmark data folder not found: {inputs.DataRoot} (it must hold fewshot/… and gue/…).");
        }

        var o = _options;
        if (o.BaselineModel is { } baseline && Path.Combine(baseline, BertCheckpoint.ConfigFileName) is var config && !File.Exists(config))
        {
            throw new FileNotFoundException($"ReproductionOptions.BaselineModel: {config} not found; the baseline must be a Hugging Face-layout folder (config.json and pytorch_model.bin or model.safetensors).", config);
        }

        var output = Path.GetFullPath(inputs.OutputDirectory);
        Directory.CreateDirectory(output);
        using var claim = OutputLock.Acquire(output);
        var stageNames = StageNames;
        var stages = new List<ReproductionStageTime>();
        var stageIndex = 0;
        Log.ReproductionStarted(_logger, o.Table, o.Preset, stageNames.Count, output);
        TorchNativeLibrary.EnsureLoaded();

        // Load the benchmark data first: a missing task fails in seconds, not after the pretraining.
        var fewShotTasks = LoadFewShotTasks(inputs.DataRoot);
        var gueTasks = LoadGueTasks(inputs.DataRoot);

        void Report(double fraction, string? detail = null) =>
            progress?.Report(new ReproductionProgress(stageNames[stageIndex], stageIndex, stageNames.Count, Math.Clamp(fraction, 0, 1), detail));

        T Stage<T>(Func<T> body)
        {
            var watch = Stopwatch.StartNew();
            _lastStageReused = false;
            Report(0);
            var result = body();
            Report(1);
            stages.Add(new ReproductionStageTime(stageNames[stageIndex], watch.Elapsed, _lastStageReused));
            Log.StageFinished(_logger, stageNames[stageIndex], watch.Elapsed.TotalSeconds);
            stageIndex++;
            return result;
        }

        // 1. PMI table of the genome (the paper's definition, min count 101).
        var pmiPath = Path.Combine(output, PmiTableFile);
        var table = Stage(() =>
        {
            var counter = GenomeCounter.Create(new NgramCountingOptions { K = 6 }, _loggers.CreateLogger<GenomeCounter>());
            var counts = counter.CountFasta(inputs.FastaFiles, new SynchronousProgress<NgramCountingProgress>(p => Report(p.Fraction)), cancellationToken);
            var pmi = PmiTable.Compute(counts, new PmiOptions { Definition = o.PmiDefinition }, _loggers.CreateLogger<PmiTable>());
            pmi.Save(pmiPath);
            return pmi;
        });

        // 2. Pretraining corpus (N removed, chunks up to MaxChunkBases, de-duplicated, 90/10 split).
        var corpusDirectory = Path.Combine(output, "corpus");
        Stage(() =>
        {
            var builder = new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = o.MaxChunkBases, Seed = o.Seed });
            return builder.Build(inputs.FastaFiles, corpusDirectory, new SynchronousProgress<PretrainingCorpusProgress>(p => Report(p.TotalBytes == 0 ? 1 : p.BytesRead / (double)p.TotalBytes)), cancellationToken);
        });

        // 3. One pretraining per strategy.
        var models = new List<ReproducedModel>();
        var retrained = new HashSet<string>(StringComparer.Ordinal);
        using (var train = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile)))
        using (var validation = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.ValidationTokensFile)))
        {
            foreach (var strategy in o.Strategies)
            {
                var stepProgress = new SynchronousProgress<PretrainingProgress>(p => Report(
                    p.Step / (double)p.MaxSteps,
                    string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.MaxSteps} loss {p.Metrics.Loss:F3} ({p.Metrics.Strategy})")));
                models.Add(Stage(() => Pretrain(strategy, table, train, validation, Path.Combine(output, "pretraining", o.PretrainingFolderName(strategy)), stepProgress, inputs.Resume, cancellationToken)));
                if (!_lastStageReused)
                {
                    retrained.Add(models[^1].Name);
                }
            }
        }

        // 4. Fine-tune every pretrained model.
        var resultsPath = Path.Combine(output, ResultsFile);
        var results = inputs.Resume ? EvaluationResults.LoadOrEmpty(resultsPath) : new EvaluationResults();

        // Fine-tuning results of a model that was (re)trained now belong to the model that was there before.
        results = new EvaluationResults(results.Runs.Where(r => !retrained.Contains(r.Model)));
        foreach (var model in models)
        {
            results = Stage(() =>
            {
                var runProgress = new SynchronousProgress<EvaluationProgress>(p => Report(
                    p.Completed / (double)p.Total,
                    string.Create(CultureInfo.InvariantCulture, $"{p.Task} n={p.Shots} seed {p.Seed}: accuracy {p.Accuracy:F3}")));
                return Evaluate(Path.Combine(model.Directory, MlmPretrainer.ModelFolderName), model.Name, fewShotTasks, gueTasks, results, resultsPath, runProgress, cancellationToken);
            });
        }

        // The published DNABERT weights through the same protocol: Table 4's "DNABert 120K" row.
        if (o.BaselineModel is { } baselineModel)
        {
            results = Stage(() => Evaluate(baselineModel, ReproductionFidelity.BaselineModelName, fewShotTasks, gueTasks, results, resultsPath, null, cancellationToken));
        }

        // 5. The paper-shaped table and the plots.
        var reportDirectory = Path.Combine(output, "report");
        var (files, markdown) = Stage(() => WriteReport(results, models, gueTasks, reportDirectory));
        return new ReproductionSummary(o, output, pmiPath, corpusDirectory, models, resultsPath, reportDirectory, files, markdown, stages);
    }

    /// <summary>
    /// Pretrains one model with <paramref name="strategy"/> (a catalogue name) into <paramref name="directory"/> (checkpoint,
    /// <c>metrics.jsonl</c>, <c>model/</c>). When <paramref name="resume"/> is true, a finished run of the same
    /// <see cref="RunFingerprint"/> there is reused and an interrupted one resumes from its checkpoint; a run with other
    /// settings or data fails with <see cref="RunMismatchException"/>. When false, the run starts over.
    /// </summary>
    /// <exception cref="ArgumentException">The strategy is not in the catalogue; the message lists the known ones.</exception>
    public ReproducedModel Pretrain(
        string strategy,
        PmiTable table,
        TokenCorpus train,
        TokenCorpus validation,
        string directory,
        IProgress<PretrainingProgress>? progress = null,
        bool resume = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var o = _options;
        _lastStageReused = false;
        var entry = MaskingCatalog.Get(strategy);
        var name = o.ModelName(entry.Name);
        var done = Path.Combine(directory, DoneMarkerFile);
        var metricsPath = Path.Combine(directory, MlmPretrainer.MetricsFileName);
        if (table.K != train.K)
        {
            throw new ArgumentException($"The PMI table ranks {table.K}-mers but the corpus '{train.Path}' holds {train.K}-mers; use a {train.K}-mer PMI table.", nameof(table));
        }

        // A finished run is reused through its final checkpoint: the trainer resumes it only when the run's
        // fingerprint (options, strategy, PMI table, corpus) is the same, and then has no step left to do.
        if (!resume && File.Exists(done))
        {
            File.Delete(done);
        }

        var curriculum = o.CreateCurriculum(entry.Name, table);
        var options = o.ToPretrainingOptions(directory, resume);
        options.RunIdentity["strategy"] = entry.Name;
        options.RunIdentity["pmi"] = RunFingerprint.HashOf(table);

        // Every setting of the strategies and the curriculum (the flavour's among them) changes the run.
        options.RunIdentity["masking"] = curriculum.Description;
        var trainer = new MlmPretrainer(MsOptions.Create(options), _loggers.CreateLogger<MlmPretrainer>());
        using var model = BertForMaskedLM.Create(o.ResolvedModelConfig, o.Seed);
        var collator = new MlmCollatorOptions();
        o.Compatibility.ApplyTo(collator);
        var result = trainer.Train(
            model,
            train,
            validation,
            curriculum,
            collatorOptions: collator,
            progress: progress,
            cancellationToken: cancellationToken);
        if (result.StartStep >= o.PretrainingSteps)
        {
            Log.StageReused(_logger, "pretrain " + entry.Name, directory);
            _lastStageReused = true;
        }

        var switchStep = entry is CurriculumEntry { DecidesOnEvaluations: true } ? result.SwitchStep : null;
        AtomicFile.WriteAllText(done, JsonSerializer.Serialize(new DoneMarker(name, o.PretrainingSteps, result.RunFingerprint, o.Flavour.ToString().ToLowerInvariant(), switchStep), DoneMarkerJson) + "\n");
        return Describe(entry, name, directory, PretrainingMetricsLog.Read(metricsPath)) with { SwitchStep = switchStep };
    }

    private static readonly JsonSerializerOptions DoneMarkerJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The contents of <see cref="DoneMarkerFile"/>.</summary>
    private sealed record DoneMarker(string Model, long Steps, string Fingerprint, string Flavour, long? SwitchStep);

    private static ReproducedModel Describe(MaskingCatalogEntry entry, string name, string directory, IReadOnlyList<PretrainingMetric> metrics)
    {
        var lastLoss = metrics.LastOrDefault(m => m.Loss is not null)?.Loss;
        var lastPerplexity = metrics.LastOrDefault(m => m.Perplexity is not null)?.Perplexity;
        var switchStep = entry is CurriculumEntry { DecidesOnEvaluations: true } ? PretrainingMetricsLog.SwitchStep(metrics) : null;
        return new ReproducedModel(entry.Name, name, directory, lastLoss, lastPerplexity, switchStep);
    }

    /// <summary>
    /// Fine-tunes the pretrained model in <paramref name="modelDirectory"/> on the few-shot tasks (Table 4) or the GUE
    /// tasks (Tables 2, 6) of the options, adding the runs to <paramref name="previous"/> and saving them to
    /// <paramref name="resultsPath"/> after every run (runs already there are skipped).
    /// </summary>
    public EvaluationResults Evaluate(
        string modelDirectory,
        string modelName,
        IReadOnlyList<FewShotTask> fewShotTasks,
        IReadOnlyList<TaskData> gueTasks,
        EvaluationResults? previous,
        string resultsPath,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        ArgumentNullException.ThrowIfNull(fewShotTasks);
        ArgumentNullException.ThrowIfNull(gueTasks);
        var o = _options;
        var trainer = new SequenceClassifierTrainer(
            MsOptions.Create(new SequenceClassifierOptions { PretrainedModelPath = modelDirectory, Device = o.Device, Precision = o.Table == 4 ? o.Precision : ReproductionFidelity.GuePrecision(o) }),
            _loggers.CreateLogger<SequenceClassifierTrainer>());
        var evaluation = new EvaluationOptions
        {
            Shots = [.. o.Shots],
            SeedCount = o.Seeds,
            ResultsPath = resultsPath,
            FewShotSmallSettings = o.FewShotSmall,
            FewShotLargeSettings = o.FewShotLarge,
        };
        var runner = new EvaluationRunner(trainer, MsOptions.Create(evaluation), _loggers.CreateLogger<EvaluationRunner>());
        return o.Table == 4
            ? runner.RunFewShot(modelName, fewShotTasks, previous, progress, cancellationToken)
            : runner.RunGue(modelName, gueTasks, previous, progress, cancellationToken);
    }

    /// <summary>Writes the table of the options (and Tables 3/plots the results support) plus the pretraining curves; returns the files and the table as Markdown.</summary>
    public (IReadOnlyList<string> Files, string Markdown) WriteReport(EvaluationResults results, IReadOnlyList<ReproducedModel> models, IReadOnlyList<TaskData> gueTasks, string directory)
    {
        var o = _options;
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(gueTasks);
        List<string> order = [.. models.Select(m => m.Name), .. o.BaselineModel is null ? Array.Empty<string>() : [ReproductionFidelity.BaselineModelName]];

        // Only this run's models: the results file may hold runs of other presets in the same folder.
        var mine = new EvaluationResults(results.Runs.Where(r => order.Contains(r.Model)));
        var reference = o.Table == 6 ? GueReference.Table6 : GueReference.Table2;
        var files = new List<string>(EvaluationReport.Write(mine, directory, new EvaluationReportOptions
        {
            GueReference = reference,
            ModelOrder = order,
            GueTasks = gueTasks.Count > 0 ? [.. gueTasks.Select(t => t.Descriptor)] : null,
        }));
        var curves = models
            .Where(m => File.Exists(Path.Combine(m.Directory, MlmPretrainer.MetricsFileName)))
            .Select(m => TrainingCurve.FromMetrics(m.Name, PretrainingMetricsLog.Read(Path.Combine(m.Directory, MlmPretrainer.MetricsFileName))))
            .ToList();
        if (curves.Count > 0)
        {
            files.AddRange(EvaluationPlots.SavePretrainingCurves(curves, directory));
        }
        var table = o.Table == 4
            ? PaperTables.FewShotAccuracy(mine, modelOrder: order)
            : PaperTables.GueMcc(mine, reference, [.. gueTasks.Select(t => t.Descriptor)], order);
        // The report says which preset and flavour produced it, and keeps every setting beside the numbers.
        var planPath = Path.Combine(directory, PlanFile);
        AtomicFile.WriteAllText(planPath, ReproductionPlan.Create(o).ToJson() + "\n");
        files.Add(planPath);
        var provenance = $"Produced by preset {o.Preset}, flavour {o.Flavour.ToString().ToLowerInvariant()} ({(o.Flavour == ReproductionFlavour.Upstream ? "the upstream code's behaviour" : "the method as the paper writes it")}); every setting: {PlanFile}.";
        if (ReproductionFidelity.Extension(o) is { } extension)
        {
            provenance += " " + extension;
        }
        return (files, provenance + "\n\n" + table.ToMarkdown());
    }

    /// <summary>The few-shot tasks of the options, read from <paramref name="dataRoot"/> (fixtures, test subset).</summary>
    public IReadOnlyList<FewShotTask> LoadFewShotTasks(string dataRoot) => [.. _options.FewShotTasks.Select(name => LoadFewShot(TaskCatalog.Get(name), dataRoot))];

    /// <summary>The GUE tasks of the options, read from <paramref name="dataRoot"/> (training cut and epochs applied).</summary>
    public IReadOnlyList<TaskData> LoadGueTasks(string dataRoot) => [.. _options.GueTasks.Select(name => LoadGue(TaskCatalog.Get(name), dataRoot))];

    private FewShotTask LoadFewShot(TaskDescriptor descriptor, string dataRoot)
    {
        var task = ReproductionFidelity.LoadFewShot(_options, descriptor, dataRoot);
        return _options.MaxTestExamples is { } max && task.Test.Count > max ? task with { Test = EvenlySpaced(task.Test, max) } : task;
    }

    private TaskData LoadGue(TaskDescriptor descriptor, string dataRoot)
    {
        var data = TaskLoader.Load(descriptor, dataRoot);
        if (_options.GueMaxTrainRows is { } max && data.Train is { } rows && rows.Count > max)
        {
            data = data with { Train = EvenlySpaced(rows, max), Notes = [.. data.Notes, string.Create(CultureInfo.InvariantCulture, $"training split cut to {max} of {rows.Count} rows (evenly spaced)")] };
        }

        data = data with { Descriptor = data.Descriptor with { FineTuning = _options.GueSettings(data.Descriptor) } };

        return data;
    }

    /// <summary>Every (count / max)-th item: a deterministic subset that keeps the file's order and class mix.</summary>
    internal static IReadOnlyList<T> EvenlySpaced<T>(IReadOnlyList<T> items, int max)
    {
        var subset = new T[max];
        for (var i = 0; i < max; i++)
        {
            subset[i] = items[(int)((long)i * items.Count / max)];
        }

        return subset;
    }
}

using System.Diagnostics;
using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Infrastructure;
using GeneMask.Reproduction.Experiments;
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
/// Every stage is a piece of the output folder with the identity of what produced it: a rerun reuses the pieces of the
/// same identity, resumes an interrupted pretraining from its checkpoint, and refuses — before it writes anything — a
/// folder whose pieces were produced from other inputs or settings.
/// </summary>
public sealed class ReproductionPipeline
{
    /// <summary>The PMI table file under the output folder.</summary>
    public const string PmiTableFile = "pmi-k6.csv";

    /// <summary>The fine-tuning results file under the output folder.</summary>
    public const string ResultsFile = "results.json";

    /// <summary>The resolved plan (every setting, <see cref="ReproductionPlan"/>) written beside the report.</summary>
    public const string PlanFile = "plan.json";

    /// <summary>The record written into a pretraining folder once the run has finished: the run's identity and result.</summary>
    public const string DoneMarkerFile = "done.json";

    private readonly ReproductionOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

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

    /// <summary>The stage names in order, as <see cref="ReproductionProgress.Stage"/> reports them.</summary>
    public IReadOnlyList<string> StageNames =>
    [
        "PMI table",
        "corpus",
        .. _options.Strategies.Select(s => "pretrain " + MaskingCatalog.Get(s).Name),
        .. _options.Strategies.Select(s => _options.Table.EvaluationStage(MaskingCatalog.Get(s).Name)),
        .. _options.BaselineModel is null ? Array.Empty<string>() : [_options.Table.EvaluationStage(ReproductionFidelity.BaselineModelName)],
        "report",
    ];

    /// <summary>
    /// What <see cref="Run"/> will do, as indented JSON, resolved before anything runs: the stages, the strategies, the
    /// model, every hyper-parameter of pretraining, masking, few-shot and GUE fine-tuning, the tasks and an estimate of
    /// the cost (the report keeps it as <see cref="PlanFile"/>).
    /// </summary>
    public string PlanJson() => ReproductionPlan.Create(_options).ToJson();

    /// <summary>Runs every stage.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished stages and the last pretraining checkpoint are kept.</exception>
    /// <exception cref="ResultMismatchException">The output folder holds a piece produced from other inputs or settings; nothing was written.</exception>
    /// <exception cref="RunMismatchException">The output folder holds a pretraining of other settings; nothing was written.</exception>
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

        // Everything is checked before anything is written: the device, the benchmark data (a missing task fails in
        // seconds, not after the pretraining) and every finished piece of the folder.
        var o = _options;
        TorchNativeLibrary.EnsureLoaded();
        TorchDevices.Resolve(o.Device);
        var output = Path.GetFullPath(inputs.OutputDirectory);
        var fewShotTasks = LoadFewShotTasks(inputs.DataRoot);
        var gueTasks = LoadGueTasks(inputs.DataRoot);
        var pieces = new ReproductionPieces(o, ResultIdentity.HashFiles(inputs.FastaFiles));
        var directories = o.Strategies.ToDictionary(s => s, s => Path.Combine(output, "pretraining", o.PretrainingFolderName(s)), StringComparer.Ordinal);
        var plans = o.Strategies.ToDictionary(s => s, s => EvaluationPlan(pieces.Pretraining(s, directories[s]).Identity.Hash, Path.Combine(directories[s], MlmPretrainer.ModelFolderName), o.ModelName(s), fewShotTasks, gueTasks), StringComparer.Ordinal);
        List<(EvaluationRunner Runner, IReadOnlyList<PlannedEvaluation> Plan)> baseline = o.BaselineModel is { } baselineDirectory
            ? [EvaluationPlan(BaselineIdentity(baselineDirectory), baselineDirectory, ReproductionFidelity.BaselineModelName, fewShotTasks, gueTasks)]
            : [];
        if (inputs.Resume && Directory.Exists(output))
        {
            ExperimentFolder.Check(output, [pieces.Pmi, pieces.Corpus]);
            foreach (var strategy in o.Strategies)
            {
                CheckDone(pieces.Pretraining(strategy, directories[strategy]));
            }

            EvaluationStore.Check(Path.Combine(output, ResultsFile), [.. plans.Values.SelectMany(p => p.Plan), .. baseline.SelectMany(p => p.Plan)]);
        }

        using var folder = ExperimentFolder.Claim(output, shared: false);
        using var threads = TorchThreads.OnePerJob(o.Device);
        var stageNames = StageNames;
        var stages = new List<ReproductionStageTime>();
        var stageIndex = 0;
        Log.ReproductionStarted(_logger, o.Table.Number, o.Preset.Name, stageNames.Count, output);
        if (!inputs.Resume)
        {
            File.Delete(folder.PathOf(ResultsFile));
        }

        void Report(double fraction, string? detail = null) =>
            progress?.Report(new ReproductionProgress(stageNames[stageIndex], stageIndex, stageNames.Count, Math.Clamp(fraction, 0, 1), detail));

        T Stage<T>(Func<(T Result, bool Reused)> body)
        {
            var watch = Stopwatch.StartNew();
            Report(0);
            var (result, reused) = body();
            Report(1);
            stages.Add(new ReproductionStageTime(stageNames[stageIndex], watch.Elapsed, reused));
            if (reused)
            {
                Log.StageReused(_logger, stageNames[stageIndex], output);
            }

            Log.StageFinished(_logger, stageNames[stageIndex], watch.Elapsed.TotalSeconds);
            stageIndex++;
            return result;
        }

        (T Result, bool Reused) Piece<T>(Piece piece, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Func<T> compute)
            where T : class
        {
            if (inputs.Resume && folder.TryReuse(piece, type) is { } done)
            {
                return (done, true);
            }

            return (folder.Recompute(piece, type, compute, cancellationToken), false);
        }

        // 1. PMI table of the genome (the paper's definition, min count 101).
        var pmiPath = folder.PathOf(PmiTableFile);
        var pmiHash = Stage(() => Piece(pieces.Pmi, ExperimentJsonContext.Default.StoredFiles, () =>
        {
            var counter = GenomeCounter.Create(new NgramCountingOptions { K = 6 }, _loggers.CreateLogger<GenomeCounter>());
            var counts = counter.CountFasta(inputs.FastaFiles, new SynchronousProgress<NgramCountingProgress>(p => Report(p.Fraction)), cancellationToken);
            PmiTable.Compute(counts, new PmiOptions { Definition = o.PmiDefinition }, _loggers.CreateLogger<PmiTable>()).Save(pmiPath);
            return new StoredFiles(ResultIdentity.HashFiles([pmiPath]));
        }));
        Unchanged(pmiPath, ResultIdentity.HashFiles([pmiPath]) == pmiHash.ContentHash);
        var table = PmiTable.Load(pmiPath);

        // 2. Pretraining corpus (N removed, chunks up to ChunkBases, de-duplicated, 90/10 split).
        var corpusDirectory = folder.PathOf(ReproductionPieces.CorpusFolder);
        var corpusHash = Stage(() => Piece(pieces.Corpus, ExperimentJsonContext.Default.StoredFiles, () =>
        {
            new PretrainingCorpusBuilder(ReproductionPieces.CorpusOptions(o))
                .Build(inputs.FastaFiles, corpusDirectory, new SynchronousProgress<PretrainingCorpusProgress>(p => Report(p.TotalBytes == 0 ? 1 : p.BytesRead / (double)p.TotalBytes)), cancellationToken);
            return new StoredFiles(CorpusManifest.Verify(corpusDirectory).ContentHash);
        }));
        Unchanged(corpusDirectory, CorpusManifest.Verify(corpusDirectory).ContentHash == corpusHash.ContentHash);

        // 3. One pretraining per strategy.
        var models = new List<ReproducedModel>();
        using (var train = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile)))
        using (var validation = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.ValidationTokensFile)))
        {
            foreach (var strategy in o.Strategies)
            {
                var stepProgress = new SynchronousProgress<PretrainingProgress>(p => Report(
                    p.Step / (double)p.MaxSteps,
                    string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.MaxSteps} loss {p.Metrics.Loss:F3} ({p.Metrics.Strategy})")));
                var piece = pieces.Pretraining(strategy, directories[strategy]);
                models.Add(Stage(() =>
                {
                    var model = PretrainCore(strategy, table, train, validation, directories[strategy], piece.Identity, stepProgress, inputs.Resume, cancellationToken);
                    return (model, model.Reused);
                }));
            }
        }

        // 4. Fine-tune every pretrained model (and the published DNABERT weights for Table 4's 120K row, when given): one run
        // per task, n and seed, each kept in results.json as it finishes.
        var store = new EvaluationStore(folder, ResultsFile, "the fine-tuning runs");
        foreach (var (runner, plan) in models.Select(m => plans[m.Strategy]).Concat(baseline))
        {
            Stage(() =>
            {
                var reused = true;
                for (var i = 0; i < plan.Count; i++)
                {
                    var key = plan[i].Key;
                    var run = store.GetOrRun(plan[i], p =>
                    {
                        reused = false;
                        return runner.Run(p, cancellationToken);
                    }, cancellationToken);
                    Report((i + 1) / (double)plan.Count, string.Create(CultureInfo.InvariantCulture, $"{key.Task} n={key.Shots} seed {key.Seed}: accuracy {run.Scores.Accuracy:F3}"));
                }

                return (true, reused);
            });
        }

        // 5. The paper-shaped table and the plots.
        var reportDirectory = folder.PathOf("report");
        var (files, markdown) = Stage(() => (WriteReport(store.Load(), models, gueTasks, reportDirectory), false));
        return new ReproductionSummary(o, output, pmiPath, corpusDirectory, models, store.Path, reportDirectory, files, markdown, stages);
    }

    /// <summary>
    /// Pretrains one model with <paramref name="strategy"/> (a catalogue name) into <paramref name="directory"/> (checkpoint,
    /// <c>metrics.jsonl</c>, <c>model/</c>, <see cref="DoneMarkerFile"/>). When <paramref name="resume"/> is true, a
    /// finished run of the same identity there is reused and an interrupted one resumes from its checkpoint; a run with
    /// other settings or data fails with <see cref="RunMismatchException"/> before anything is written. When false,
    /// the run starts over. The PMI table and the corpus are identified by their content.
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
        var inputs = ResultIdentity.Empty
            .With("pmi", RunFingerprint.HashOf(table))
            .With("corpus.train", CorpusManifest.HashFile(train.Path))
            .With("corpus.validation", CorpusManifest.HashFile(validation.Path));
        var identity = ReproductionPieces.PretrainingIdentity(_options, strategy, inputs);
        if (resume)
        {
            CheckDone(new Piece(Path.Combine(directory, DoneMarkerFile), "the pretraining", identity));
        }

        TorchNativeLibrary.EnsureLoaded();
        using var threads = TorchThreads.OnePerJob(_options.Device);
        return PretrainCore(strategy, table, train, validation, directory, identity, progress, resume, cancellationToken);
    }

    private ReproducedModel PretrainCore(
        string strategy,
        PmiTable table,
        TokenCorpus train,
        TokenCorpus validation,
        string directory,
        ResultIdentity identity,
        IProgress<PretrainingProgress>? progress,
        bool resume,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var o = _options;
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
        using var model = BertForMaskedLM.Create(o.Model, o.Seed);
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
        var reused = result.StartStep >= o.PretrainingSteps;
        var switchStep = entry is CurriculumEntry { DecidesOnEvaluations: true } ? result.SwitchStep : null;
        PieceRecord.Write(done, identity, new PretrainingDone(name, o.PretrainingSteps, result.RunFingerprint, o.Flavour.ToString().ToLowerInvariant(), switchStep), ReproductionJsonContext.Default.PretrainingDone);
        return Describe(entry, name, directory, PretrainingMetricsLog.Read(metricsPath)) with { SwitchStep = switchStep, Reused = reused };
    }

    /// <summary>Refuses a finished pretraining of another identity, naming every difference (as a resumed checkpoint would).</summary>
    private static void CheckDone(Piece piece)
    {
        if (PieceRecord.ReadIdentity(piece.Record) is { } stored && stored.Compare(piece.Identity) is { Count: > 0 } differences)
        {
            throw new RunMismatchException(piece.Record, [.. differences.Select(d => new RunDifference(d.Name, d.Previous, d.Current))]);
        }
    }

    private static ReproducedModel Describe(MaskingCatalogEntry entry, string name, string directory, IReadOnlyList<PretrainingMetric> metrics)
    {
        var lastLoss = metrics.LastOrDefault(m => m.Loss is not null)?.Loss;
        var lastPerplexity = metrics.LastOrDefault(m => m.Perplexity is not null)?.Perplexity;
        var switchStep = entry is CurriculumEntry { DecidesOnEvaluations: true } ? PretrainingMetricsLog.SwitchStep(metrics) : null;
        return new ReproducedModel(entry.Name, name, directory, lastLoss, lastPerplexity, switchStep);
    }

    /// <summary>
    /// Fine-tunes the model in <paramref name="modelDirectory"/> (identified by its files' hash) on the options' tasks —
    /// few-shot for Table 4, GUE for Tables 2 and 6 — into <paramref name="outputDirectory"/>: every run kept in
    /// <see cref="ResultsFile"/> as it finishes, runs of the same identity reused, then the table and its plots written
    /// to <c>report/</c>. A results file holding a run of another identity under the same key (another model of that
    /// name, other test examples, other settings) is refused before anything runs.
    /// </summary>
    /// <exception cref="ResultMismatchException">A stored run of a planned key has another identity; nothing was run.</exception>
    public (EvaluationResults Results, IReadOnlyList<string> Files, string Markdown) FineTune(
        string modelDirectory,
        string modelName,
        string dataRoot,
        string outputDirectory,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var o = _options;
        TorchNativeLibrary.EnsureLoaded();
        TorchDevices.Resolve(o.Device);
        var fewShotTasks = LoadFewShotTasks(dataRoot);
        var gueTasks = LoadGueTasks(dataRoot);
        var (runner, plan) = EvaluationPlan(ModelIdentity.Of(modelDirectory), modelDirectory, modelName, fewShotTasks, gueTasks);
        var output = Path.GetFullPath(outputDirectory);
        EvaluationStore.Check(Path.Combine(output, ResultsFile), plan);

        using var folder = ExperimentFolder.Claim(output, shared: false);
        using var threads = TorchThreads.OnePerJob(o.Device);
        var store = new EvaluationStore(folder, ResultsFile, "the fine-tuning runs");
        for (var i = 0; i < plan.Count; i++)
        {
            var reused = true;
            var run = store.GetOrRun(plan[i], p =>
            {
                reused = false;
                return runner.Run(p, cancellationToken);
            }, cancellationToken);
            var key = plan[i].Key;
            progress?.Report(new EvaluationProgress(i + 1, plan.Count, key.Suite, key.Task, key.Shots, key.Seed, run.Scores.Accuracy, run.Scores.Mcc, reused));
        }

        var results = store.Load();
        var (files, markdown) = WriteReport(results, [new ReproducedModel(o.Strategies[0], modelName, modelDirectory, null, null, null)], gueTasks, folder.PathOf("report"));
        return (results, files, markdown);
    }

    /// <summary>The runner and the planned runs of a model identified by <paramref name="model"/> (a fresh trainer per run).</summary>
    private (EvaluationRunner Runner, IReadOnlyList<PlannedEvaluation> Plan) EvaluationPlan(string model, string modelDirectory, string modelName, IReadOnlyList<FewShotTask> fewShotTasks, IReadOnlyList<TaskData> gueTasks)
    {
        var o = _options;
        var trainer = new FreshTrainer(new SequenceClassifierOptions { PretrainedModelPath = modelDirectory, Device = o.Device, Precision = ReproductionFidelity.FineTuningPrecision(o) }, _loggers);
        var runner = new EvaluationRunner(trainer, MsOptions.Create(ReproductionPieces.EvaluationOptions(o, model)), _loggers.CreateLogger<EvaluationRunner>());
        return (runner, o.Table.IsFewShot ? runner.PlanFewShot(modelName, fewShotTasks) : runner.PlanGue(modelName, gueTasks));
    }

    /// <summary>Refuses the outputs of a reused piece that were changed after it recorded them.</summary>
    private static void Unchanged(string path, bool same)
    {
        if (!same)
        {
            throw new GeneMaskFormatException($"{path} is not what its record says was produced (it was changed afterwards). Delete it and its record to compute it again.");
        }
    }

    /// <summary>Writes the table of the options (and Tables 3/plots the results support) plus the pretraining curves; returns the files and the table as Markdown.</summary>
    internal (IReadOnlyList<string> Files, string Markdown) WriteReport(EvaluationResults results, IReadOnlyList<ReproducedModel> models, IReadOnlyList<TaskData> gueTasks, string directory)
    {
        var o = _options;
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(gueTasks);
        List<string> order = [.. models.Select(m => m.Name), .. o.BaselineModel is null ? Array.Empty<string>() : [ReproductionFidelity.BaselineModelName]];

        // Only this run's models: the results file may hold runs of other presets in the same folder.
        var mine = new EvaluationResults(results.Runs.Where(r => order.Contains(r.Model)));
        var reference = o.Table.GueReference;
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
        var table = o.Table.IsFewShot
            ? PaperTables.FewShotAccuracy(mine, modelOrder: order)
            : PaperTables.GueMcc(mine, reference, [.. gueTasks.Select(t => t.Descriptor)], order);
        // The report says which preset and flavour produced it, and keeps every setting beside the numbers.
        var planPath = Path.Combine(directory, PlanFile);
        AtomicFile.WriteAllText(planPath, ReproductionPlan.Create(o).ToJson() + "\n");
        files.Add(planPath);
        var provenance = $"Produced by preset {o.Preset.Name}, flavour {o.Flavour.ToString().ToLowerInvariant()} ({(o.Flavour == ReproductionFlavour.Upstream ? "the upstream code's behaviour" : "the method as the paper writes it")}); every setting: {PlanFile}.";
        if (ReproductionFidelity.Extension(o) is { } extension)
        {
            provenance += " " + extension;
        }

        return (files, provenance + "\n\n" + table.ToMarkdown());
    }

    /// <summary>The few-shot tasks of the options, read from <paramref name="dataRoot"/> (fixtures, test subset).</summary>
    internal IReadOnlyList<FewShotTask> LoadFewShotTasks(string dataRoot) => [.. _options.FewShotTasks.Select(name => LoadFewShot(TaskCatalog.Get(name), dataRoot))];

    /// <summary>The GUE tasks of the options, read from <paramref name="dataRoot"/> (training cut and epochs applied).</summary>
    internal IReadOnlyList<TaskData> LoadGueTasks(string dataRoot) => [.. _options.GueTasks.Select(name => LoadGue(TaskCatalog.Get(name), dataRoot))];

    private FewShotTask LoadFewShot(TaskDescriptor descriptor, string dataRoot)
    {
        var task = ReproductionFidelity.LoadFewShot(_options, descriptor, dataRoot);
        return _options.MaxTestExamples is { } max && task.Test.Count > max ? task with { Test = EvenlySpaced(task.Test, max) } : task;
    }

    /// <summary>The identity of a Hugging Face-layout baseline checkpoint (the hash of its files); a folder without config.json is refused, naming the file.</summary>
    private static string BaselineIdentity(string directory)
    {
        var config = Path.Combine(directory, BertCheckpoint.ConfigFileName);
        return File.Exists(config)
            ? ModelIdentity.Of(directory)
            : throw new FileNotFoundException($"ReproductionOptions.BaselineModel: {config} not found; the baseline must be a Hugging Face-layout folder (config.json and pytorch_model.bin or model.safetensors).", config);
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

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Evaluation.Statistics;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Reproduction.Comparison;

/// <summary>Where a comparison reads and writes.</summary>
/// <param name="FastaFiles">Genome FASTA files of the pretraining corpus.</param>
/// <param name="DataRoot">Folder holding <c>fewshot/Prom-core</c> and <c>fewshot/Splice-40</c> as the task catalogue lays them out.</param>
/// <param name="OutputDirectory">Folder for everything written; a rerun reuses what is finished.</param>
public sealed record ComparisonInputs(IReadOnlyList<string> FastaFiles, string DataRoot, string OutputDirectory);

/// <summary>Progress of a comparison.</summary>
/// <param name="Stage">The stage (e.g. <c>pretrain genemask</c>).</param>
/// <param name="StageIndex">Its index in <see cref="MaskingComparison.StageNames"/>.</param>
/// <param name="Fraction">Completion of the stage in [0, 1].</param>
/// <param name="Detail">What is happening, or null.</param>
public sealed record ComparisonProgress(string Stage, int StageIndex, double Fraction, string? Detail);

/// <summary>What a finished comparison returns.</summary>
/// <param name="Evidence">Everything measured (also <c>evidence.json</c>).</param>
/// <param name="Markdown">The report as Markdown (also <c>report.md</c>).</param>
/// <param name="Files">Every report file written.</param>
/// <param name="OutputDirectory">The output folder.</param>
public sealed record ComparisonOutcome(ComparisonEvidence Evidence, string Markdown, IReadOnlyList<string> Files, string OutputDirectory);

/// <summary>
/// A paired, pre-registered comparison of masking strategies at CPU scale. Every arm starts from the same initial
/// weights and is pretrained on the same full-length rows in the same order, for the same number of optimizer steps
/// of the same batch; only the masks differ (the <c>none</c> arm is the initial weights themselves). Then, on data fixed
/// before the run: M1, each arm's masked-LM loss on the same validation rows under three fixed maskings, beside the
/// context-free loss; M2, a linear probe of the frozen encoder on Prom-core and Splice-40 beside a bag-of-6-mers
/// baseline; M3, the paper's few-shot protocol on Prom-core with seeds shared by every arm. Every arm is compared with
/// <c>kmer-span</c> and with <c>none</c> by a paired bootstrap interval and a paired t-test; a difference is claimed
/// only when its 95 % interval excludes 0 and the learning gate passed.
/// </summary>
public sealed class MaskingComparison
{
    /// <summary>The rule under which differences are claimed; printed under every table.</summary>
    public const string Rule = "A difference is claimed only when its 95 % interval excludes 0 (paired bootstrap over test examples for M2, over seeds for M3; paired t-test p-values are shown beside), and only when the learning gate passed.";

    /// <summary>The M1 maskings (catalogue strategies at their default settings), in report order.</summary>
    public static IReadOnlyList<string> Maskings { get; } = [RandomTokenMasking.StrategyName, KmerSpanMasking.StrategyName, GlobalPmiMasking.StrategyName];

    /// <summary>Name of the Prom-core task in the results.</summary>
    public const string PromCore = "Prom-core";

    /// <summary>Name of the Splice-40 task in the results.</summary>
    public const string Splice40 = "Splice-40";

    private const string SettingsFile = "settings.txt";

    // The arms with a role: the gate's arm and reference, the control, and the paper's contrasts.
    private static readonly ComparisonArm KmerSpan = ComparisonArm.Of(KmerSpanMasking.StrategyName);
    private static readonly ComparisonArm GeneMask = ComparisonArm.Of(GeneMaskMasking.StrategyName);
    private static readonly ComparisonArm Global = ComparisonArm.Of(GlobalPmiMasking.StrategyName);
    private static readonly ComparisonArm CmGems = ComparisonArm.Of(CmGemsCurriculum.CurriculumName);
    private static readonly ComparisonArm CmStep = ComparisonArm.Of(CmStepCurriculum.CurriculumName);

    private readonly MaskingComparisonOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates the runner; the options are validated here.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid (every failure named).</exception>
    public MaskingComparison(MaskingComparisonOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new MaskingComparisonOptionsValidator().Validated(options);
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<MaskingComparison>();
    }

    /// <summary>The options.</summary>
    public MaskingComparisonOptions Options => _options;

    /// <summary>The stages in order, as <see cref="ComparisonProgress.Stage"/> names them.</summary>
    public IReadOnlyList<string> StageNames =>
    [
        "data and corpus",
        .. _options.Arms.Select(a => "pretrain " + a.Name),
        "M1 and M2 (frozen encoders)",
        .. _options.Arms.Select(a => "M3 few-shot " + a.Name),
        "statistics and report",
    ];

    /// <summary>The pretraining options every pretrained arm shares (its own output folder and evaluation interval aside).</summary>
    public PretrainingOptions PretrainingOptionsFor(ComparisonArm arm, string directory)
    {
        var o = _options;
        return new PretrainingOptions
        {
            MaxSteps = o.PretrainingSteps,
            BatchSize = o.BatchSize,
            GradientAccumulationSteps = 1,
            LearningRate = o.LearningRate,
            WarmupSteps = o.WarmupSteps,
            MaxSequenceLength = KmerTokenizer.EncodedLength(o.ChunkBases),

            // Only CM-GEMS reads validation perplexities; the others evaluate once, at the end.
            EvaluationInterval = arm.DecidesOnEvaluations ? o.CmGemsEvaluationInterval : o.PretrainingSteps,
            MaxValidationRows = o.CmGemsValidationRows,
            CheckpointInterval = 0,
            OutputDirectory = directory,
            Resume = false,
            Seed = o.Seed,
            Device = o.Device,
            Precision = o.Precision,
        };
    }

    /// <summary>Runs (or finishes) the comparison.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished arms, metrics and seeds are kept for a rerun.</exception>
    public ComparisonOutcome Run(ComparisonInputs inputs, IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.FastaFiles is not { Count: > 0 })
        {
            throw new ArgumentException("ComparisonInputs.FastaFiles must list at least one genome FASTA file.", nameof(inputs));
        }

        foreach (var file in inputs.FastaFiles.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"Genome FASTA file not found: {file}", file);
        }

        if (!Directory.Exists(inputs.DataRoot))
        {
            throw new DirectoryNotFoundException($"Benchmark data folder not found: {inputs.DataRoot} (it must hold fewshot/Prom-core and fewshot/Splice-40).");
        }

        var o = _options;
        var total = Stopwatch.StartNew();
        var output = Path.GetFullPath(inputs.OutputDirectory);
        Directory.CreateDirectory(output);
        OutputLock.RemoveTemporaries(output); // Killed runs' litter; files another process is writing are left alone.
        CheckSettings(output);
        TorchNativeLibrary.EnsureLoaded();
        List<string> stageNames = [.. StageNames];
        var wall = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var reportGate = new Lock();
        void Report(int stage, double fraction, string? detail = null)
        {
            lock (reportGate)
            {
                progress?.Report(new ComparisonProgress(stageNames[stage], stage, Math.Clamp(fraction, 0, 1), detail));
            }
        }

        T Stage<T>(int stage, Func<Action<double, string?>, T> body)
        {
            var watch = Stopwatch.StartNew();
            Report(stage, 0);
            var result = body((fraction, detail) => Report(stage, fraction, detail));
            Report(stage, 1);
            wall[stageNames[stage]] = watch.Elapsed.TotalSeconds;
            Log.StageFinished(_logger, stageNames[stage], watch.Elapsed.TotalSeconds);
            return result;
        }

        int StageOf(string name) => stageNames.IndexOf(name);
        using var torchThreads = TorchThreadsPerWorker();
        var workers = WorkerCount();

        // 1. Fixed data: task partitions, corpus, validation masks, context-free losses.
        var data = Stage(0, _ => PrepareData(inputs, output, cancellationToken));
        using var train = data.Train;
        using var validation = data.Validation;

        // 2. Pretraining, the arms spread over the workers (each reuses a finished run).
        var pretraining = new ConcurrentDictionary<ComparisonArm, ArmPretraining>();
        ConcurrentWork.Run(o.Arms, workers, (arm, token) =>
            pretraining[arm] = Stage(StageOf("pretrain " + arm.Name), report => Pretrain(arm, data, output, report, token)), cancellationToken);

        // 3. M1 and M2 on the frozen encoders (features encoded once per arm), and the bag-of-6-mers baseline.
        var (m1, m2, baseline) = Stage(StageOf("M1 and M2 (frozen encoders)"), report => FrozenMetrics(data, output, workers, report, cancellationToken));

        // 4. M3: few-shot fine-tuning, one job per arm and seed (each seed's result is kept as soon as it exists).
        var m3 = FewShot(data, output, workers, (arm, fraction, detail) => Report(StageOf("M3 few-shot " + arm.Name), fraction, detail), wall, cancellationToken);

        // 5. Statistics and the report.
        return Stage(stageNames.Count - 1, _ =>
        {
            var evidence = Assemble(data, new(pretraining), m1, m2, baseline, m3, new(wall), total.Elapsed.TotalSeconds);
            evidence = evidence with { Invocations = RecordInvocation(output, evidence, workers) };
            var files = ComparisonReport.Write(evidence, Path.Combine(output, "report"));
            AtomicFile.WriteAllText(Path.Combine(output, "evidence.json"), evidence.ToJson());
            return new ComparisonOutcome(evidence, ComparisonReport.Markdown(evidence), [Path.Combine(output, "evidence.json"), .. files], output);
        });
    }

    /// <summary>Appends this invocation to the folder's <c>invocations.json</c> and returns the whole history.</summary>
    private List<ComparisonInvocation> RecordInvocation(string output, ComparisonEvidence evidence, int workers)
    {
        var path = Path.Combine(output, "invocations.json");
        var history = File.Exists(path) ? Read(path, ComparisonJsonContext.Default.ListComparisonInvocation) : [];
        history.Add(new ComparisonInvocation(
            evidence.FinishedUtc,
            [.. _options.Arms.Select(a => a.Name)],
            workers,
            _options.Precision.ToString(),
            evidence.TotalSeconds,
            evidence.WallTimes.Where(kv => !kv.Key.StartsWith("pretraining seconds ", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            evidence.Machine.LoadAverage));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(history, ComparisonJsonContext.Default.ListComparisonInvocation));
        return history;
    }

    /// <summary>The workers: <see cref="MaskingComparisonOptions.Workers"/>, or one per CPU core (one on a GPU).</summary>
    private int WorkerCount() =>
        TorchDevices.Resolve(_options.Device).type != DeviceType.CPU ? 1
        : _options.Workers > 0 ? _options.Workers
        : Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// On the CPU every job computes with one torch thread, whatever the number of workers: small models use cores
    /// better as independent jobs than as threads of one job, and the results do not depend on the worker count.
    /// </summary>
    private TorchThreads TorchThreadsPerWorker()
    {
        if (TorchDevices.Resolve(_options.Device).type != DeviceType.CPU)
        {
            return new TorchThreads(null);
        }

        var previous = torch.get_num_threads();
        torch.set_num_threads(1);
        return new TorchThreads(previous);
    }

    private sealed class TorchThreads(int? previous) : IDisposable
    {
        public void Dispose()
        {
            if (previous is { } n)
            {
                torch.set_num_threads(n);
            }
        }
    }

    private void CheckSettings(string output)
    {
        var path = Path.Combine(output, SettingsFile);
        var settings = _options.Fingerprint();
        if (File.Exists(path))
        {
            var previous = File.ReadAllText(path).Trim();
            if (!string.Equals(previous, settings, StringComparison.Ordinal))
            {
                throw new IOException($"{output} holds a comparison run with other settings ({previous}); now: {settings}. Use another output folder or delete it.");
            }
        }
        else
        {
            AtomicFile.WriteAllText(path, settings + "\n");
        }
    }

    private PreparedData PrepareData(ComparisonInputs inputs, string output, CancellationToken cancellationToken)
    {
        var o = _options;

        // Prom-core: the shipped test split is cut once, by a seeded permutation, into the training pool (M2 probe,
        // M3 draws) and disjoint test rows (M2; their first rows are M3's test set).
        var prom = TaskLoader.ReadSplit(TaskCatalog.FewShotPromCore, inputs.DataRoot, TaskSplit.Test);
        var permutation = Enumerable.Range(0, prom.Count).ToArray();
        new Random(unchecked((int)o.Seed)).Shuffle(permutation);
        var pool = permutation.Take(o.PromCorePoolRows).Select(i => prom[i]).ToList();
        var poolSequences = pool.Select(p => p.Bases).ToHashSet(StringComparer.Ordinal);
        var promTest = permutation.Skip(o.PromCorePoolRows).Select(i => prom[i]).Where(r => !poolSequences.Contains(r.Bases)).Take(o.PromCoreTestRows).ToList();
        Require(pool.Count == o.PromCorePoolRows && promTest.Count == o.PromCoreTestRows, $"Prom-core has {prom.Count} test rows; {o.PromCorePoolRows} pool rows plus {o.PromCoreTestRows} disjoint test rows were asked for.");

        // Splice-40: the probe trains on the n = 50 fixture (1,500 rows) and is scored on test rows not in it.
        var spliceTrain = TaskLoader.ReadFixture(TaskCatalog.FewShotSplice40, inputs.DataRoot, 50).Take(o.SpliceTrainRows).ToList();
        var spliceSequences = TaskLoader.ReadFixture(TaskCatalog.FewShotSplice40, inputs.DataRoot, 50).Select(p => p.Bases).ToHashSet(StringComparer.Ordinal);
        var spliceAll = TaskLoader.ReadSplit(TaskCatalog.FewShotSplice40, inputs.DataRoot, TaskSplit.Test);
        var spliceTest = spliceAll.Where(r => !spliceSequences.Contains(r.Bases)).Take(o.SpliceTestRows).ToList();
        Require(spliceTest.Count == o.SpliceTestRows, $"Splice-40 has {spliceTest.Count} test rows outside its training fixture; {o.SpliceTestRows} were asked for.");

        // The corpus: full-length rows only.
        var corpus = Path.Combine(output, "corpus");
        if (!File.Exists(Path.Combine(corpus, PretrainingCorpusBuilder.ReportFile)))
        {
            new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = o.ChunkBases, FullLengthOnly = true, Seed = o.Seed })
                .Build(inputs.FastaFiles, corpus, cancellationToken: cancellationToken);
        }

        var train = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.TrainTokensFile));
        var validation = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.ValidationTokensFile));
        Require(validation.RowCount >= o.ValidationRows && validation.RowCount >= o.CurveRows, $"The validation corpus has {validation.RowCount} rows; ValidationRows = {o.ValidationRows} and CurveRows = {o.CurveRows} were asked for.");
        var rows = new List<int[]>(o.ValidationRows);
        for (var r = 0; r < o.ValidationRows; r++)
        {
            rows.Add(validation.GetRow(r));
        }

        var table = PmiTable.LoadDefault();
        var collator = new MlmCollator(new MlmCollatorOptions { K = KmerTokenizer.DefaultK, MaxSequenceLength = KmerTokenizer.EncodedLength(o.ChunkBases), Seed = o.ValidationMaskSeed });
        var strategies = Maskings.ToDictionary(m => m, m => MaskingCatalog.GetStrategy(m).Create(table), StringComparer.Ordinal);
        var sets = Maskings.ToDictionary(m => m, m => MaskedEvaluationSet.Create(m, rows, collator, MaskingPhase.Of(strategies[m]), 64), StringComparer.Ordinal);
        var curve = MaskedEvaluationSet.Create(KmerSpan.Name, rows.Take(o.CurveRows).ToList(), collator, MaskingPhase.Of(strategies[KmerSpan.Name]), 64);
        var frequencies = KmerFrequencies.FromCorpus(train);
        var contextFree = Maskings.ToDictionary(m => m, m => sets[m].ContextFreeLoss(frequencies), StringComparer.Ordinal);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["corpus_train_rows"] = (int)train.RowCount,
            ["corpus_validation_rows"] = (int)validation.RowCount,
            ["m1_validation_rows"] = rows.Count,
            ["prom_core_pool_rows"] = pool.Count,
            ["prom_core_m2_test_rows"] = promTest.Count,
            ["prom_core_m3_test_rows"] = o.FewShotTestRows,
            ["splice_40_train_rows"] = spliceTrain.Count,
            ["splice_40_test_rows"] = spliceTest.Count,
        };
        foreach (var (name, set) in sets)
        {
            sizes[$"m1_{name.Replace('-', '_')}_predicted_tokens"] = (int)set.PredictedTokens;
        }

        return new PreparedData(train, validation, table, sets, curve, contextFree, pool, promTest, spliceTrain, spliceTest, sizes);
    }

    private ArmPretraining Pretrain(ComparisonArm arm, PreparedData data, string output, Action<double, string?> report, CancellationToken cancellationToken)
    {
        var o = _options;
        var directory = ArmDirectory(output, arm);
        var file = Path.Combine(directory, "pretraining.json");
        if (File.Exists(file) && Directory.Exists(ModelDirectory(output, arm)))
        {
            Log.Reused(_logger, "pretrain " + arm.Name, directory);
            return Read(file, ComparisonJsonContext.Default.ArmPretraining);
        }

        var watch = Stopwatch.StartNew();
        using var model = BertForMaskedLM.Create(o.Model, o.Seed);
        ArmPretraining result;
        if (arm == ComparisonArm.None)
        {
            // The control: the shared initial weights, saved as they are.
            model.to(TorchDevices.Resolve(o.Device));
            var loss = FrozenEncoder.MaskedLmLoss(model, data.CurveSet);
            model.SavePretrained(ModelDirectory(output, arm));
            result = new ArmPretraining(arm.Name, 0, watch.Elapsed.TotalSeconds, null, null, [new CurvePoint(0, loss)]);
        }
        else
        {
            var options = PretrainingOptionsFor(arm, Path.Combine(directory, "pretraining"));
            var trainer = new MlmPretrainer(MsOptions.Create(options), _loggers.CreateLogger<MlmPretrainer>());
            var curriculum = arm.CreateCurriculum(data.Table, o.CmGemsEvaluationInterval)!;
            var curve = new List<CurvePoint>();
            model.to(TorchDevices.Resolve(o.Device)).to(o.Precision.ToScalarType());
            curve.Add(new CurvePoint(0, FrozenEncoder.MaskedLmLoss(model, data.CurveSet)));

            // Runs on the training thread between steps: the curve's yardstick is the same fixed k-mer-span masks for every arm.
            var steps = new SynchronousProgress<PretrainingProgress>(p =>
            {
                if (p.Step % o.CurveInterval == 0 || p.Step == p.MaxSteps)
                {
                    curve.Add(new CurvePoint(p.Step, FrozenEncoder.MaskedLmLoss(model, data.CurveSet)));
                }

                report(p.Step / (double)p.MaxSteps, string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.MaxSteps}, loss {p.Metrics.Loss:F3} ({p.Metrics.Strategy})"));
            });
            var trained = trainer.Train(model, data.Train, data.Validation, curriculum, progress: steps, cancellationToken: cancellationToken);
            var switchStep = arm.DecidesOnEvaluations && trained.PhaseChanges.Count > 0 ? trained.PhaseChanges[0].Step : (long?)null;
            result = new ArmPretraining(arm.Name, o.PretrainingSteps, watch.Elapsed.TotalSeconds, switchStep, trained.Steps.Count > 0 ? trained.Steps[^1].Loss : null, curve);
        }

        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(result, ComparisonJsonContext.Default.ArmPretraining));
        return result;
    }

    private (Dictionary<ComparisonArm, Dictionary<string, double>> M1, Dictionary<ComparisonArm, ProbeResult[]> M2, ProbeResult[] Baseline) FrozenMetrics(
        PreparedData data, string output, int workers, Action<double, string?> report, CancellationToken cancellationToken)
    {
        var o = _options;
        var m1 = new ConcurrentDictionary<ComparisonArm, Dictionary<string, double>>();
        var m2 = new ConcurrentDictionary<ComparisonArm, ProbeResult[]>();
        var promTrainLabels = data.PromPool.Select(r => r.Label).ToArray();
        var spliceTrainLabels = data.SpliceTrain.Select(r => r.Label).ToArray();
        var promSequences = data.PromPool.Select(r => r.Bases).ToArray();
        var promTestSequences = data.PromTest.Select(r => r.Bases).ToArray();
        var spliceSequences = data.SpliceTrain.Select(r => r.Bases).ToArray();
        var spliceTestSequences = data.SpliceTest.Select(r => r.Bases).ToArray();
        var done = 0;
        ConcurrentWork.Run(o.Arms, workers, (arm, token) =>
        {
            var m1File = Path.Combine(ArmDirectory(output, arm), "m1.json");
            var m2File = Path.Combine(ArmDirectory(output, arm), "m2.json");
            if (File.Exists(m1File) && File.Exists(m2File))
            {
                m1[arm] = Read(m1File, ComparisonJsonContext.Default.DictionaryStringDouble);
                m2[arm] = Read(m2File, ComparisonJsonContext.Default.ProbeResultArray);
            }
            else
            {
                using var model = BertForMaskedLM.FromPretrained(ModelDirectory(output, arm));
                model.to(TorchDevices.Resolve(o.Device));
                model.UsePrecision(o.Precision);
                var losses = Maskings.ToDictionary(m => m, m => FrozenEncoder.MaskedLmLoss(model, data.Sets[m]), StringComparer.Ordinal);
                token.ThrowIfCancellationRequested();
                // M2's features in float32: bf16 features changed 104 of 2,500 Splice-40 probe predictions, the size of the contrasts measured.
                model.UsePrecision(ModelPrecision.Fp32);
                var promTrain = FrozenEncoder.Features(model, promSequences, FeaturePooling.Mean);
                var promTest = FrozenEncoder.Features(model, promTestSequences, FeaturePooling.Mean);
                var spliceTrain = FrozenEncoder.Features(model, spliceSequences, FeaturePooling.MeanAndCentre);
                var spliceTest = FrozenEncoder.Features(model, spliceTestSequences, FeaturePooling.MeanAndCentre);
                token.ThrowIfCancellationRequested();
                ProbeResult[] probes =
                [
                    Score(PromCore, LogisticRegressionProbe.FitPredict(promTrain, promTrainLabels, promTest, 2), data.PromTest),
                    Score(Splice40, LogisticRegressionProbe.FitPredict(spliceTrain, spliceTrainLabels, spliceTest, 3), data.SpliceTest),
                ];
                AtomicFile.WriteAllText(m1File, JsonSerializer.Serialize(losses, ComparisonJsonContext.Default.DictionaryStringDouble));
                AtomicFile.WriteAllText(m2File, JsonSerializer.Serialize(probes, ComparisonJsonContext.Default.ProbeResultArray));
                m1[arm] = losses;
                m2[arm] = probes;
            }

            report(Interlocked.Increment(ref done) / (double)(o.Arms.Count + 1), arm.Name);
        }, cancellationToken);

        // The bag-of-6-mers baseline: the same probe on k-mer frequencies instead of encoder features.
        report(o.Arms.Count / (double)(o.Arms.Count + 1), "bag-of-6-mers baseline");
        var baselineFile = Path.Combine(output, "baseline-m2.json");
        ProbeResult[] baseline;
        if (File.Exists(baselineFile))
        {
            baseline = Read(baselineFile, ComparisonJsonContext.Default.ProbeResultArray);
        }
        else
        {
            baseline =
            [
                Score(PromCore, LogisticRegressionProbe.FitPredict(LogisticRegressionProbe.KmerCounts(promSequences), promTrainLabels, LogisticRegressionProbe.KmerCounts(promTestSequences), 2), data.PromTest),
                Score(Splice40, LogisticRegressionProbe.FitPredict(LogisticRegressionProbe.KmerCounts(spliceSequences), spliceTrainLabels, LogisticRegressionProbe.KmerCounts(spliceTestSequences), 3), data.SpliceTest),
            ];
            AtomicFile.WriteAllText(baselineFile, JsonSerializer.Serialize(baseline, ComparisonJsonContext.Default.ProbeResultArray));
        }

        return (new(m1), new(m2), baseline);
    }

    /// <summary>
    /// M3: one fine-tuning job per arm and seed, seed-major so that every arm's seeds finish roughly in order; an arm's
    /// accuracies are saved as soon as they form an unbroken run from seed 0, so an interrupted run resumes there.
    /// </summary>
    private Dictionary<ComparisonArm, FewShotResult> FewShot(
        PreparedData data, string output, int workers, Action<ComparisonArm, double, string?> report, ConcurrentDictionary<string, double> wall, CancellationToken cancellationToken)
    {
        var o = _options;
        var test = data.PromTest.Take(o.FewShotTestRows).ToList();
        var settings = new FineTuneSettings(o.FewShotLearningRate, o.FewShotEpochs, o.FewShotBatchSize, WarmupRatio: 0.1, WeightDecay: 0.01, MaxLength: o.Model.MaxPositions);
        var accuracies = new Dictionary<ComparisonArm, double?[]>();
        var saved = new Dictionary<ComparisonArm, int>();
        foreach (var arm in o.Arms)
        {
            var file = Path.Combine(ArmDirectory(output, arm), "m3.json");
            var kept = File.Exists(file) ? Read(file, ComparisonJsonContext.Default.FewShotResult).Accuracies : [];
            accuracies[arm] = [.. Enumerable.Range(0, o.Seeds).Select(s => s < kept.Count ? kept[s] : (double?)null)];
            saved[arm] = Math.Min(kept.Count, o.Seeds);
            report(arm, saved[arm] / (double)o.Seeds, null);
        }

        var jobs = Enumerable.Range(0, o.Seeds).SelectMany(seed => o.Arms.Where(arm => seed >= saved[arm]).Select(arm => (Arm: arm, Seed: seed))).ToList();
        var started = o.Arms.ToDictionary(arm => arm, _ => Stopwatch.StartNew());
        ConcurrentWork.Run(jobs, workers, (job, token) =>
        {
            var (arm, seed) = job;
            var trainer = new SequenceClassifierTrainer(
                MsOptions.Create(new SequenceClassifierOptions
                {
                    PretrainedModelPath = ModelDirectory(output, arm),

                    // Fine-tuning uses hidden dropout 0.1 for every model (LOGO pretrains without).
                    Config = o.Model with { HiddenDropout = 0.1 },
                    Device = o.Device,
                    Precision = o.Precision,
                    EvaluationBatchSize = 500,
                }),
                _loggers.CreateLogger<SequenceClassifierTrainer>());

            // Seed s draws the same training rows and initialises the same head for every arm.
            var shots = StratifiedSampler.Sample(data.PromPool, 2, o.Shots, seed);
            var predictions = trainer.FineTuneAndPredict(new FineTuneJob(PromCore, 2, shots, null, test, settings, seed), token);
            var correct = 0;
            for (var i = 0; i < test.Count; i++)
            {
                correct += predictions.PredictedLabels[i] == test[i].Label ? 1 : 0;
            }

            lock (accuracies)
            {
                var values = accuracies[arm];
                values[seed] = correct / (double)test.Count;
                var prefix = values.TakeWhile(v => v.HasValue).Count();
                if (prefix > saved[arm])
                {
                    saved[arm] = prefix;
                    var file = Path.Combine(ArmDirectory(output, arm), "m3.json");
                    AtomicFile.WriteAllText(file, JsonSerializer.Serialize(new FewShotResult([.. values.Take(prefix).Select(v => v!.Value)]), ComparisonJsonContext.Default.FewShotResult));
                }

                var finished = values.Count(v => v.HasValue);
                report(arm, finished / (double)o.Seeds, string.Create(CultureInfo.InvariantCulture, $"{finished}/{o.Seeds} seeds"));
                if (finished == o.Seeds)
                {
                    wall["M3 few-shot " + arm.Name] = started[arm].Elapsed.TotalSeconds;
                }
            }
        }, cancellationToken);

        return o.Arms.ToDictionary(arm => arm, arm => new FewShotResult([.. accuracies[arm].Select(v => v!.Value)]));
    }

    private ComparisonEvidence Assemble(
        PreparedData data,
        Dictionary<ComparisonArm, ArmPretraining> pretraining,
        Dictionary<ComparisonArm, Dictionary<string, double>> m1,
        Dictionary<ComparisonArm, ProbeResult[]> m2,
        ProbeResult[] baseline,
        Dictionary<ComparisonArm, FewShotResult> m3,
        Dictionary<string, double> wall,
        double elapsedBeforeReport)
    {
        var o = _options;
        var gate = m1.TryGetValue(KmerSpan, out var kmerSpan)
            ? Gate(kmerSpan[KmerSpan.Name], data.ContextFree[KmerSpan.Name], o.GateMargin)
            : new GateResult { Passed = false, Arm = KmerSpan.Name, Loss = double.NaN, ContextFreeLoss = data.ContextFree[KmerSpan.Name], Gap = double.NaN, Margin = o.GateMargin, Message = "FAILED: the kmer-span arm was not run, so there is no gate and no reference; this run's arms are computed and kept, and no difference is claimed." };
        Log.GateChecked(_logger, gate.Passed, gate.Gap, gate.Margin);
        var arms = o.Arms.Select(arm => new ArmEvidence
        {
            Name = arm.Name,
            PretrainingSteps = pretraining[arm].Steps,
            PretrainingSeconds = pretraining[arm].Seconds,
            SwitchStep = pretraining[arm].SwitchStep,
            M1Loss = m1[arm],
            Curve = pretraining[arm].Curve,
            M2Accuracy = m2[arm].ToDictionary(p => p.Task, p => p.Accuracy, StringComparer.Ordinal),
            M3 = MeanWithInterval(m3[arm].Accuracies),
            M3PerSeed = m3[arm].Accuracies,
        }).ToList();

        var comparisons = new List<ArmComparison>();
        foreach (var reference in new[] { KmerSpan, ComparisonArm.None }.Where(o.Arms.Contains))
        {
            foreach (var arm in o.Arms.Where(a => a != reference && !(reference == KmerSpan && a == ComparisonArm.None)))
            {
                foreach (var task in new[] { PromCore, Splice40 })
                {
                    var a = m2[arm].Single(p => p.Task == task).Correct.Select(c => (double)c).ToArray();
                    var b = m2[reference].Single(p => p.Task == task).Correct.Select(c => (double)c).ToArray();
                    comparisons.Add(Compare(arm, reference, "M2", task, $"{a.Length} test examples", a, b, BootstrapSeed(arm, reference, "M2", task), gate.Passed));
                }

                comparisons.Add(Compare(arm, reference, "M3", PromCore, $"{o.Seeds} seeds", [.. m3[arm].Accuracies], [.. m3[reference].Accuracies], BootstrapSeed(arm, reference, "M3", PromCore), gate.Passed));
            }
        }

        // The paper's Table 4 (few-shot accuracy, DNABert 10K): each PMI strategy minus DNABERT's random spans.
        (ComparisonArm Arm, double Effect)[] paper = [(GeneMask, 0.639 - 0.627), (Global, 0.656 - 0.627), (CmStep, 0.646 - 0.627), (CmGems, 0.644 - 0.627)];
        var resolution = paper.Select(p =>
        {
            var m3c = comparisons.FirstOrDefault(c => c.Arm == p.Arm.Name && c.Reference == KmerSpan.Name && c.Metric == "M3");
            var m2c = comparisons.FirstOrDefault(c => c.Arm == p.Arm.Name && c.Reference == KmerSpan.Name && c.Metric == "M2" && c.Task == PromCore);
            return new ResolutionRow($"{p.Arm.Name} − {KmerSpan.Name}", Math.Round(p.Effect, 3), m3c is null ? null : (m3c.Ci95[1] - m3c.Ci95[0]) / 2, m2c is null ? null : (m2c.Ci95[1] - m2c.Ci95[0]) / 2);
        }).ToList();

        foreach (var arm in o.Arms)
        {
            wall["pretraining seconds " + arm.Name] = pretraining[arm].Seconds;
        }

        return new ComparisonEvidence
        {
            Preset = o.Preset,
            FinishedUtc = DateTimeOffset.UtcNow,
            Settings = o.Fingerprint(),
            Arms = arms,
            ContextFreeLoss = data.ContextFree,
            KmerBaselineAccuracy = baseline.ToDictionary(p => p.Task, p => p.Accuracy, StringComparer.Ordinal),
            Comparisons = comparisons,
            Rule = Rule,
            CmGemsSwitchStep = pretraining.TryGetValue(CmGems, out var cm) ? cm.SwitchStep : null,
            Gate = gate,
            Resolution = resolution,
            WallTimes = wall,
            TotalSeconds = elapsedBeforeReport,
            Machine = Machine(),
            DataSizes = data.Sizes,
        };
    }

    /// <summary>
    /// The learning gate: the k-mer-span arm's validation loss on k-mer-span masks must be at least
    /// <paramref name="margin"/> nats below the context-free loss on the same masks.
    /// </summary>
    public static GateResult Gate(double loss, double contextFreeLoss, double margin)
    {
        var gap = contextFreeLoss - loss;
        var passed = double.IsFinite(gap) && gap >= margin;
        var inv = CultureInfo.InvariantCulture;
        return new GateResult
        {
            Passed = passed,
            Arm = KmerSpan.Name,
            Loss = loss,
            ContextFreeLoss = contextFreeLoss,
            Gap = gap,
            Margin = margin,
            Message = passed
                ? string.Create(inv, $"PASSED: the kmer-span arm ends {gap:F3} nats below the context-free loss on its own masking ({loss:F3} vs {contextFreeLoss:F3}; at least {margin:F2} required), so the models learned from context.")
                : string.Create(inv, $"FAILED: the kmer-span arm ends only {gap:F3} nats below the context-free loss on its own masking ({loss:F3} vs {contextFreeLoss:F3}; at least {margin:F2} required). The models did not learn enough for the comparison to mean anything: no difference is claimed."),
        };
    }

    /// <summary>
    /// The bootstrap seed of one comparison, from the run's seed and the comparison's names: an interval does not
    /// depend on which other arms ran (the default run and <c>--arms all</c> agree on the arms they share).
    /// </summary>
    internal int BootstrapSeed(ComparisonArm arm, ComparisonArm reference, string metric, string task) =>
        unchecked((int)System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes($"{_options.Seed}|{arm.Name}|{reference.Name}|{metric}|{task}")));

    /// <summary>A paired comparison: bootstrap interval and t-test of <paramref name="a"/> − <paramref name="b"/>.</summary>
    internal ArmComparison Compare(ComparisonArm arm, ComparisonArm reference, string metric, string task, string pairedOver, double[] a, double[] b, int seed, bool gatePassed)
    {
        var interval = PairedBootstrap.MeanDifference(a, b, seed, 0.95, _options.BootstrapResamples);
        var test = PairedTTest.Compute(a, b);
        return new ArmComparison
        {
            Arm = arm.Name,
            Reference = reference.Name,
            Metric = metric,
            Task = task,
            PairedOver = pairedOver,
            Pairs = a.Length,
            Difference = interval.MeanDifference,
            Ci95 = [interval.Low, interval.High],
            P = test.PValue,
            Claimed = gatePassed && interval.ExcludesZero,
        };
    }

    /// <summary>The mean of per-seed values with its 95 % Student-t interval.</summary>
    public static MeanInterval MeanWithInterval(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = Descriptive.Mean([.. values]);
        if (values.Count < 2)
        {
            return new MeanInterval(mean, [mean, mean]);
        }

        var half = PairedTTest.CriticalValue(0.05, values.Count - 1) * Descriptive.SampleStandardDeviation([.. values]) / Math.Sqrt(values.Count);
        return new MeanInterval(mean, [mean - half, mean + half]);
    }

    private static ProbeResult Score(string task, int[] predicted, IReadOnlyList<LabelledSequence> test)
    {
        var correct = new byte[test.Count];
        for (var i = 0; i < correct.Length; i++)
        {
            correct[i] = predicted[i] == test[i].Label ? (byte)1 : (byte)0;
        }

        return new ProbeResult(task, correct.Sum(c => (double)c) / correct.Length, correct);
    }

    private static MachineInfo Machine()
    {
        string? cpu = null;
        double? load = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            }

            if (File.Exists("/proc/loadavg"))
            {
                load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // The machine description is informative only.
        }

        return new MachineInfo
        {
            Os = RuntimeInformation.OSDescription,
            Cores = Environment.ProcessorCount,
            Cpu = cpu,
            Runtime = RuntimeInformation.FrameworkDescription,
            TorchThreads = global::TorchSharp.torch.get_num_threads(),
            LoadAverage = load,
        };
    }

    private static string ArmDirectory(string output, ComparisonArm arm) => Path.Combine(output, "arms", arm.Name);

    private static string ModelDirectory(string output, ComparisonArm arm) =>
        arm == ComparisonArm.None ? Path.Combine(ArmDirectory(output, arm), "model") : Path.Combine(ArmDirectory(output, arm), "pretraining", MlmPretrainer.ModelFolderName);

    private static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type) ?? throw new FormatException($"{path}: the file holds 'null'.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a result file of this comparison ({e.Message}). Delete it to recompute.", e);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            // The data cannot serve the options as given: a problem of the input, not a bug.
            throw new ArgumentException(message);
        }
    }

    private sealed record PreparedData(
        TokenCorpus Train,
        TokenCorpus Validation,
        PmiTable Table,
        IReadOnlyDictionary<string, MaskedEvaluationSet> Sets,
        MaskedEvaluationSet CurveSet,
        IReadOnlyDictionary<string, double> ContextFree,
        IReadOnlyList<LabelledSequence> PromPool,
        IReadOnlyList<LabelledSequence> PromTest,
        IReadOnlyList<LabelledSequence> SpliceTrain,
        IReadOnlyList<LabelledSequence> SpliceTest,
        IReadOnlyDictionary<string, int> Sizes);
}

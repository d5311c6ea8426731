using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// A paired, pre-registered comparison of masking strategies at CPU scale. Every arm starts from the same initial
/// weights and is pretrained on the same full-length rows in the same order, for the same number of optimizer steps
/// of the same batch; only the masks differ (the <c>none</c> arm is the initial weights themselves). Then, on data fixed
/// before the run: M1, each arm's masked-LM loss on the same validation rows under three fixed maskings, beside the
/// context-free loss, and the context gate on the <c>[MASK]</c>-input positions; M2, a linear probe of the frozen
/// encoder on Prom-core and Splice-40 beside a bag-of-6-mers baseline; M3, the paper's few-shot protocol on Prom-core
/// with seeds shared by every arm. With <see cref="MaskingComparisonOptions.Replicates"/> pretraining replicates every
/// interval covers the variance between pretrainings; claims follow <see cref="Rule"/>.
/// </summary>
/// <remarks>
/// Every result is a piece of the output folder with the identity of what produced it (<see cref="ComparisonSession"/>):
/// a rerun reuses the pieces of the same identity and refuses, before writing anything, a folder whose pieces were
/// produced with other settings. Several processes may work in one folder at once (e.g. on disjoint arms): they share
/// the folder, each piece is computed by one of them, and the others wait for it.
/// </remarks>
public sealed class MaskingComparison
{
    /// <summary>The rule under which differences are claimed; printed under every table.</summary>
    public static string Rule { get; } = "Primary comparisons, fixed before running: every arm against none, and cm-gems against kmer-span, on mean few-shot accuracy (M3), Holm-corrected over that family. A primary difference is claimed only with at least 2 pretraining replicates, when its hierarchical bootstrap interval (replicates, then the seeds they share) and its Student-t interval over the replicates both exclude 0, its Holm-adjusted p-value is below 0.05, and every pretrained arm in it learned from context: on the [MASK]-input positions of at least one of M1's three fixed maskings (random-token, k-mer-span, global), its loss is at least 1 nat below the context-free loss there in every replicate. The run's gate is the kmer-span arm's on fixed k-mer-span masks. Every other comparison is exploratory: shown uncorrected and never claimed.";

    /// <summary>Name of the Prom-core task in the results.</summary>
    public const string PromCore = "Prom-core";

    /// <summary>Name of the Splice-40 task in the results.</summary>
    public const string Splice40 = "Splice-40";

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

    /// <summary>The M1 maskings (catalogue strategies at their default settings), in report order.</summary>
    public static IReadOnlyList<string> Maskings { get; } = [RandomTokenMasking.StrategyName, KmerSpanMasking.StrategyName, GlobalPmiMasking.StrategyName];

    /// <summary>The options.</summary>
    public MaskingComparisonOptions Options => _options;

    /// <summary>The stages in order, as <see cref="ComparisonProgress.Stage"/> names them.</summary>
    public IReadOnlyList<string> StageNames =>
    [
        "data and corpus",
        .. Units.Select(u => "pretrain " + Label(u)),
        "M1 and M2 (frozen encoders)",
        .. Units.Select(u => "M3 few-shot " + Label(u)),
        "statistics and report",
    ];

    /// <summary>Every arm of every replicate, replicate-major: a replicate's arms finish together.</summary>
    internal IReadOnlyList<(ComparisonArm Arm, int Replicate)> Units =>
        [.. Enumerable.Range(0, _options.Replicates).SelectMany(r => _options.Arms.Select(arm => (arm, r)))];

    /// <summary>An arm's replicate as stages name it: the arm alone when there is one replicate.</summary>
    private string Label((ComparisonArm Arm, int Replicate) unit) =>
        _options.Replicates == 1 ? unit.Arm.Name : string.Create(CultureInfo.InvariantCulture, $"{unit.Arm.Name} (replicate {unit.Replicate})");

    /// <summary>The pretraining options every pretrained arm shares (its own output folder and evaluation interval aside).</summary>
    internal PretrainingOptions PretrainingOptionsFor(ComparisonArm arm, string directory) => PretrainingOptionsFor(arm, directory, _options.Seed);

    internal PretrainingOptions PretrainingOptionsFor(ComparisonArm arm, string directory, long seed)
    {
        ArgumentNullException.ThrowIfNull(arm);
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
            EvaluationInterval = arm.DecidesOnEvaluations ? o.EvaluationInterval : o.PretrainingSteps,
            MaxValidationRows = o.EvaluationRows,
            CheckpointInterval = 0,
            OutputDirectory = directory,
            Resume = false,
            Seed = seed,
            Device = o.Device,
            Precision = o.Precision,
        };
    }

    /// <summary>
    /// Opens the output folder for work: checks the device, the inputs and every finished piece of the options' arms
    /// against the identity asked for — all before anything is written —, then claims the folder (shared with other
    /// processes working on other pieces), removes killed runs' litter and prepares the data (the corpus is built
    /// once, by whichever process gets to it first).
    /// </summary>
    /// <exception cref="ResultMismatchException">The folder holds a piece of these arms produced with other settings; nothing was written.</exception>
    /// <exception cref="DeviceNotAvailableException">CUDA was asked for but is not available; nothing was written.</exception>
    public ComparisonSession Open(ComparisonInputs inputs, CancellationToken cancellationToken = default) => OpenSession(inputs, null, cancellationToken);

    /// <summary>Runs (or finishes) the comparison: every piece of the options' arms, over the workers, then the report.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished pieces are kept for a rerun.</exception>
    /// <exception cref="ResultMismatchException">The folder holds a piece of these arms produced with other settings; nothing was written.</exception>
    public ComparisonOutcome Run(ComparisonInputs inputs, IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var o = _options;
        var total = Stopwatch.StartNew();
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

        // 1. Fixed data: checks first, then task partitions, corpus, validation masks, context-free losses.
        using var session = Stage(0, report => OpenSession(inputs, report, cancellationToken));
        using var threads = TorchThreads.OnePerJob(o.Device);
        var workers = WorkerCount();

        // 2. Pretraining, every arm of every replicate spread over the workers (each reuses a finished piece).
        var units = Units;
        ConcurrentWork.Run(units, workers, (unit, token) => Stage(StageOf("pretrain " + Label(unit)), report => session.PretrainCore(unit.Arm, unit.Replicate, report, token)), cancellationToken);

        // 3. M1 and M2 on the frozen encoders, one job per model, and the bag-of-6-mers baseline.
        Stage(StageOf("M1 and M2 (frozen encoders)"), report =>
        {
            var done = 0;
            ConcurrentWork.Run(units, workers, (unit, token) =>
            {
                session.FrozenCore(unit.Arm, unit.Replicate, token);
                report(Interlocked.Increment(ref done) / (double)(units.Count + 1), Label(unit));
            }, cancellationToken);
            report(units.Count / (double)(units.Count + 1), "bag-of-6-mers baseline");
            return session.BaselineCore(cancellationToken);
        });

        // 4. M3: one fine-tuning job per model and seed, seed-major so that every model's seeds finish roughly in order.
        var started = units.ToDictionary(unit => unit, _ => Stopwatch.StartNew());
        var finished = units.ToDictionary(unit => unit, _ => 0);
        foreach (var unit in units)
        {
            Report(StageOf("M3 few-shot " + Label(unit)), 0);
        }

        var jobs = Enumerable.Range(0, o.Seeds).SelectMany(seed => units.Select(unit => (Unit: unit, Seed: seed))).ToList();
        ConcurrentWork.Run(jobs, workers, (job, token) =>
        {
            session.FewShotCore(job.Unit.Arm, job.Unit.Replicate, job.Seed, token);
            lock (finished)
            {
                var count = ++finished[job.Unit];
                Report(StageOf("M3 few-shot " + Label(job.Unit)), count / (double)o.Seeds, string.Create(CultureInfo.InvariantCulture, $"{count}/{o.Seeds} seeds"));
                if (count == o.Seeds)
                {
                    wall["M3 few-shot " + Label(job.Unit)] = started[job.Unit].Elapsed.TotalSeconds;
                }
            }
        }, cancellationToken);

        // 5. Statistics and the report.
        return Stage(stageNames.Count - 1, _ => session.ReportCore(new(wall), total.Elapsed.TotalSeconds, workers, cancellationToken));
    }

    private ComparisonSession OpenSession(ComparisonInputs inputs, Action<double, string?>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var o = _options;
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

        // Nothing is written before the device, the data and every finished piece have been checked.
        TorchNativeLibrary.EnsureLoaded();
        TorchDevices.Resolve(o.Device);
        var output = Path.GetFullPath(inputs.OutputDirectory);
        var tasks = ComparisonTasks.Read(o, inputs.DataRoot);
        var table = PmiTable.LoadDefault();
        var pieces = new ComparisonPieces(o, ResultIdentity.HashFiles(inputs.FastaFiles), tasks, table);
        Check(output, pieces);

        var folder = ExperimentFolder.Claim(output, shared: true);
        try
        {
            Check(output, pieces);
            var corpus = folder.PathOf(ComparisonPieces.CorpusFolder);
            folder.GetOrCompute(pieces.Corpus, ExperimentJsonContext.Default.StoredFiles, () =>
            {
                new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = o.ChunkBases, FullLengthOnly = true, Seed = o.Seed })
                    .Build(inputs.FastaFiles, corpus, cancellationToken: cancellationToken);
                return new StoredFiles(CorpusManifest.Verify(corpus).ContentHash);
            }, detail => report?.Invoke(0, detail), cancellationToken);
            var stored = folder.TryReuse(pieces.Corpus, ExperimentJsonContext.Default.StoredFiles)!;
            if (CorpusManifest.Verify(corpus).ContentHash != stored.ContentHash)
            {
                throw new GeneMaskFormatException($"{corpus} is not the corpus {pieces.Corpus.Record} records (its files were replaced after it was built). Delete {pieces.Corpus.Record} and the corpus folder to build it again.");
            }

            var session = new ComparisonSession(this, folder, ComparisonData.Load(o, tasks, corpus, table), pieces, _loggers);
            return session;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Refuses, before anything is written, a folder whose finished pieces of these arms have another identity.</summary>
    private void Check(string output, ComparisonPieces pieces)
    {
        if (!Directory.Exists(output))
        {
            return;
        }

        ExperimentFolder.Check(output, [pieces.Corpus, pieces.Baseline, .. Units.SelectMany(u => new[] { pieces.Pretraining(u.Arm, u.Replicate), pieces.Frozen(u.Arm, u.Replicate) })]);
        foreach (var (arm, replicate) in Units)
        {
            var file = Path.Combine(output, ComparisonPieces.FewShotFile(arm, replicate));
            if (File.Exists(file))
            {
                var model = Path.Combine(output, ComparisonPieces.ModelFolder(arm, replicate));
                EvaluationStore.Check(file, pieces.FewShotRunner(arm, replicate, model, _loggers).PlanFewShot(arm.Name, [pieces.FewShotTask()]));
            }
        }
    }

    /// <summary>The workers: <see cref="MaskingComparisonOptions.Workers"/>, or one per CPU core (one on a GPU).</summary>
    private int WorkerCount() => ConcurrentWork.Workers(_options.Device, _options.Workers);
}

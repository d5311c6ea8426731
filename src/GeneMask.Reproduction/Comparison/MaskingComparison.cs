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
using TorchSharp;

namespace GeneMask.Reproduction.Comparison;

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
/// <remarks>
/// Every result is a piece of the output folder with the identity of what produced it (<see cref="ComparisonSession"/>):
/// a rerun reuses the pieces of the same identity and refuses, before writing anything, a folder whose pieces were
/// produced with other settings. Several processes may work in one folder at once (e.g. on disjoint arms): they share
/// the folder, each piece is computed by one of them, and the others wait for it.
/// </remarks>
public sealed class MaskingComparison
{
    /// <summary>The rule under which differences are claimed; printed under every table.</summary>
    public const string Rule = "A difference is claimed only when its 95 % interval excludes 0 (paired bootstrap over test examples for M2, over seeds for M3; paired t-test p-values are shown beside), and only when the learning gate passed.";

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
        .. _options.Arms.Select(a => "pretrain " + a.Name),
        "M1 and M2 (frozen encoders)",
        .. _options.Arms.Select(a => "M3 few-shot " + a.Name),
        "statistics and report",
    ];

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

        // 2. Pretraining, the arms spread over the workers (each reuses a finished piece).
        ConcurrentWork.Run(o.Arms, workers, (arm, token) => Stage(StageOf("pretrain " + arm.Name), report => session.PretrainCore(arm, 0, report, token)), cancellationToken);

        // 3. M1 and M2 on the frozen encoders, one job per arm, and the bag-of-6-mers baseline.
        Stage(StageOf("M1 and M2 (frozen encoders)"), report =>
        {
            var done = 0;
            ConcurrentWork.Run(o.Arms, workers, (arm, token) =>
            {
                session.FrozenCore(arm, 0, token);
                report(Interlocked.Increment(ref done) / (double)(o.Arms.Count + 1), arm.Name);
            }, cancellationToken);
            report(o.Arms.Count / (double)(o.Arms.Count + 1), "bag-of-6-mers baseline");
            return session.BaselineCore(cancellationToken);
        });

        // 4. M3: one fine-tuning job per arm and seed, seed-major so that every arm's seeds finish roughly in order.
        var started = o.Arms.ToDictionary(arm => arm, _ => Stopwatch.StartNew());
        var finished = o.Arms.ToDictionary(arm => arm, _ => 0);
        foreach (var arm in o.Arms)
        {
            Report(StageOf("M3 few-shot " + arm.Name), 0);
        }

        var jobs = Enumerable.Range(0, o.Seeds).SelectMany(seed => o.Arms.Select(arm => (Arm: arm, Seed: seed))).ToList();
        ConcurrentWork.Run(jobs, workers, (job, token) =>
        {
            session.FewShotCore(job.Arm, 0, job.Seed, token);
            lock (finished)
            {
                var count = ++finished[job.Arm];
                Report(StageOf("M3 few-shot " + job.Arm.Name), count / (double)o.Seeds, string.Create(CultureInfo.InvariantCulture, $"{count}/{o.Seeds} seeds"));
                if (count == o.Seeds)
                {
                    wall["M3 few-shot " + job.Arm.Name] = started[job.Arm].Elapsed.TotalSeconds;
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

        ExperimentFolder.Check(output, [pieces.Corpus, pieces.Baseline, .. _options.Arms.SelectMany(arm => new[] { pieces.Pretraining(arm, 0), pieces.Frozen(arm, 0) })]);
        foreach (var arm in _options.Arms)
        {
            var file = Path.Combine(output, ComparisonPieces.FewShotFile(arm, 0));
            if (File.Exists(file))
            {
                var model = Path.Combine(output, ComparisonPieces.ModelFolder(arm, 0));
                EvaluationStore.Check(file, pieces.FewShotRunner(arm, 0, model, _loggers).PlanFewShot(arm.Name, [pieces.FewShotTask()]));
            }
        }
    }

    /// <summary>The workers: <see cref="MaskingComparisonOptions.Workers"/>, or one per CPU core (one on a GPU).</summary>
    private int WorkerCount() =>
        TorchDevices.Resolve(_options.Device).type != DeviceType.CPU ? 1
        : _options.Workers > 0 ? _options.Workers
        : Math.Max(1, Environment.ProcessorCount);
}

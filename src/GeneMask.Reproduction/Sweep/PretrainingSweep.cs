using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Reproduction.Comparison;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Reproduction.Sweep;

/// <summary>
/// A sweep of pretraining configurations for the comparison's choice: each pretrains a fresh model with k-mer-span
/// masks on full-length rows and records, every <see cref="PretrainingSweepOptions.CurveInterval"/> steps, its loss on
/// the <c>[MASK]</c>-input positions of fixed validation masks, the gap to the context-free loss there, and the
/// training wall time on one torch thread. Writes <c>sweep.tsv</c> (one line per curve point) and <c>sweep.json</c>;
/// each finished configuration is kept in <c>configs/</c> and reused by a rerun with the same description.
/// </summary>
public sealed class PretrainingSweep
{
    private readonly PretrainingSweepOptions _options;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates the sweep; the options are validated here.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid (every failure named).</exception>
    public PretrainingSweep(PretrainingSweepOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new PretrainingSweepOptionsValidator().Validated(options);
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Runs every configuration (reusing finished ones) and writes the table.</summary>
    /// <param name="fastaFiles">The genome the corpora are cut from.</param>
    /// <param name="outputDirectory">Where corpora, curves and the table go.</param>
    /// <param name="progress">Receives "configuration: step n/N" lines.</param>
    /// <param name="cancellationToken">Stops between steps; finished configurations are kept.</param>
    public IReadOnlyList<SweepRun> Run(IReadOnlyList<string> fastaFiles, string outputDirectory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fastaFiles);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        foreach (var file in fastaFiles.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"Genome FASTA file not found: {file}", file);
        }

        var o = _options;
        TorchNativeLibrary.EnsureLoaded();
        TorchDevices.Resolve(o.Device);
        var output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(Path.Combine(output, "configs"));

        // One corpus per row length, built before the jobs start.
        foreach (var bases in o.Configurations.Select(c => c.RowBases).Distinct())
        {
            var corpus = CorpusFolder(output, bases);
            if (CorpusManifest.VerifyIfPresent(corpus, "the corpus", "Delete the folder to build it again.") is null)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"corpus of {bases}-base rows"));
                new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = bases, FullLengthOnly = true, Seed = o.Seed })
                    .Build(fastaFiles, corpus, cancellationToken: cancellationToken);
            }
        }

        var workers = ConcurrentWork.Workers(o.Device, o.Workers);
        var runs = new SweepRun[o.Configurations.Count];
        using (TorchThreads.OnePerJob(o.Device))
        {
            ConcurrentWork.Run(Enumerable.Range(0, runs.Length).ToList(), workers, (i, token) => runs[i] = RunOrReuse(o.Configurations[i], output, progress, token), cancellationToken);
        }

        AtomicFile.WriteAllText(Path.Combine(output, "sweep.json"), JsonSerializer.Serialize(runs.ToList(), SweepJsonContext.Default.ListSweepRun));
        AtomicFile.WriteAllText(Path.Combine(output, "sweep.tsv"), Table(runs));
        return runs;
    }

    /// <summary>The curves as tab-separated values: one line per configuration and curve point.</summary>
    public static string Table(IReadOnlyList<SweepRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var s = new StringBuilder("config\tlayers\thidden\theads\tintermediate\trow_bases\tbatch_rows\tlr\twarmup_fraction\tsteps\tstep\tseconds\tmask_token_loss\tcontext_free_mask_loss\tgap\n");
        foreach (var run in runs)
        {
            var c = run.Configuration;
            foreach (var p in run.Curve)
            {
                s.Append(CultureInfo.InvariantCulture, $"{c.Name}\t{c.Model.LayerCount}\t{c.Model.HiddenSize}\t{c.Model.HeadCount}\t{c.Model.IntermediateSize}\t{c.RowBases}\t{c.BatchRows}\t{c.LearningRate:R}\t{c.WarmupFraction:R}\t{c.Steps}\t{p.Step}\t{p.Seconds:F2}\t{p.MaskTokenLoss:F4}\t{run.ContextFreeMaskLoss:F4}\t{p.Gap:F4}\n");
            }
        }

        return s.ToString();
    }

    private static string CorpusFolder(string output, int bases) => Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"corpus-{bases}"));

    private SweepRun RunOrReuse(SweepConfiguration c, string output, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var file = Path.Combine(output, "configs", c.Name + ".json");
        if (File.Exists(file))
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(file), SweepJsonContext.Default.SweepRun);
            if (stored?.Description == c.ToString())
            {
                return stored;
            }
        }

        var run = Measure(c, output, progress, cancellationToken);
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(run, SweepJsonContext.Default.SweepRun));
        return run;
    }

    private SweepRun Measure(SweepConfiguration c, string output, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var o = _options;
        var corpus = CorpusFolder(output, c.RowBases);
        using var train = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.ValidationTokensFile));
        var rows = Enumerable.Range(0, (int)Math.Min(o.CurveRows, validation.RowCount)).Select(r => validation.GetRow(r)).ToList();
        var sequenceLength = KmerTokenizer.EncodedLength(c.RowBases);
        var collator = new MlmCollator(new MlmCollatorOptions { K = KmerTokenizer.DefaultK, MaxSequenceLength = sequenceLength, Seed = o.ValidationMaskSeed });
        var arm = ComparisonArm.Of(KmerSpanMasking.StrategyName);
        var table = PmiTable.LoadDefault();
        var set = MaskedEvaluationSet.Create(arm.Name, rows, collator, MaskingPhase.Of(MaskingCatalog.GetStrategy(arm.Name).Create(table)), 64);
        var contextFree = set.ScoreContextFree(KmerFrequencies.FromCorpus(train)).MaskTokenLoss;

        var options = new PretrainingOptions
        {
            MaxSteps = c.Steps,
            BatchSize = c.BatchRows,
            GradientAccumulationSteps = 1,
            LearningRate = c.LearningRate,
            WarmupSteps = (long)Math.Round(c.WarmupFraction * c.Steps),
            MaxSequenceLength = sequenceLength,
            EvaluationInterval = c.Steps,
            MaxValidationRows = o.CurveRows,
            CheckpointInterval = 0,
            OutputDirectory = Path.Combine(output, "runs", c.Name),
            Resume = false,
            Seed = o.Seed,
            Device = o.Device,
            Precision = o.Precision,
        };
        using var model = BertForMaskedLM.Create(c.Model, o.Seed);
        model.to(TorchDevices.Resolve(o.Device)).to(o.Precision.ToScalarType());
        var training = new Stopwatch();
        var curve = new List<SweepPoint>();
        void Point(long step)
        {
            var loss = FrozenEncoder.MaskedLmLossByInput(model, set).MaskTokenLoss;
            curve.Add(new SweepPoint(step, training.Elapsed.TotalSeconds, loss, contextFree - loss));
        }

        Point(0);
        var steps = new SynchronousProgress<PretrainingProgress>(p =>
        {
            if (p.Step % o.CurveInterval == 0 || p.Step == p.MaxSteps)
            {
                training.Stop();
                Point(p.Step);
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: step {p.Step}/{p.MaxSteps}, gap {curve[^1].Gap:F3}"));
                training.Start();
            }
        });
        training.Start();
        new MlmPretrainer(MsOptions.Create(options), _loggers.CreateLogger<MlmPretrainer>())
            .Train(model, train, validation, arm.CreateCurriculum(table, (int)c.Steps)!, progress: steps, cancellationToken: cancellationToken);
        training.Stop();
        return new SweepRun
        {
            Configuration = c,
            Description = c.ToString(),
            ContextFreeMaskLoss = contextFree,
            Curve = curve,
            PassedAtStep = curve.FirstOrDefault(p => p.Gap >= o.GateMargin)?.Step,
            FinalGap = curve[^1].Gap,
            MillisecondsPerStep = 1000 * curve[^1].Seconds / c.Steps,
        };
    }
}

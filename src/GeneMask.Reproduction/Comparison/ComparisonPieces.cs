using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Runs;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;
using GeneMask.Evaluation.FewShot;
using Microsoft.Extensions.Logging;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// Where each piece of a comparison lives and what identifies it. Pieces of an arm are keyed by (arm, replicate):
/// replicate r pretrains from its own initial weights, row order and masks (<see cref="ReplicateSeed"/>), shared by
/// every arm of the replicate, while the corpus, the task partitions, the evaluation masks and the few-shot draws stay
/// those of the run; replicate 0 is the run's own seed.
/// </summary>
/// <remarks>
/// <code>
/// corpus/ + corpus.json                                  the full-length corpus (fasta hash, row length, seed)
/// baseline.json                                          M2's bag-of-6-mers probe (task data)
/// arms/&lt;arm&gt;/replicate-&lt;r&gt;/pretraining/model/ + pretraining.json   the arm's model and curve (corpus, schedule, masking)
/// arms/&lt;arm&gt;/replicate-&lt;r&gt;/frozen.json                  M1 and M2 of that model
/// arms/&lt;arm&gt;/replicate-&lt;r&gt;/fewshot.json                 M3: one fine-tuning run per seed, with per-row predictions
/// evidence.json, invocations.json, report/               assembled from the pieces of the arms asked for
/// </code>
/// </remarks>
internal sealed class ComparisonPieces
{
    private readonly MaskingComparisonOptions _o;
    private readonly ResultIdentity _tasks;
    private readonly ComparisonTasks _data;
    private readonly PmiTable _table;
    private readonly string _pmi;

    public ComparisonPieces(MaskingComparisonOptions options, string fastaHash, ComparisonTasks tasks, PmiTable table)
    {
        _o = options;
        _data = tasks;
        _table = table;
        _pmi = RunFingerprint.HashOf(table);
        _tasks = ResultIdentity.Empty
            .With("prom-core", $"pool {LabelledSequence.Hash(tasks.PromPool)}, test {LabelledSequence.Hash(tasks.PromTest)}")
            .With("splice-40", $"train {LabelledSequence.Hash(tasks.SpliceTrain)}, test {LabelledSequence.Hash(tasks.SpliceTest)}");
        Corpus = new Piece("corpus.json", "the corpus", ResultIdentity.Empty
            .With("fasta", fastaHash)
            .With("chunk-bases", options.ChunkBases)
            .With("full-length-only", true)
            .With("validation-fraction", new PretrainingCorpusOptions().ValidationFraction)
            .With("seed", options.Seed));
        Baseline = new Piece("baseline.json", "the bag-of-6-mers baseline", _tasks.With("probe", "logistic regression on 6-mer counts"));
    }

    /// <summary>The corpus folder, relative to the output folder.</summary>
    public const string CorpusFolder = "corpus";

    /// <summary>The corpus.</summary>
    public Piece Corpus { get; }

    /// <summary>M2's bag-of-6-mers baseline.</summary>
    public Piece Baseline { get; }

    /// <summary>The folder of an arm's replicate, relative to the output folder.</summary>
    public static string ArmFolder(ComparisonArm arm, int replicate) => string.Create(CultureInfo.InvariantCulture, $"arms/{arm.Name}/replicate-{replicate}");

    /// <summary>The trainer's folder of an arm's replicate (its model in <c>model/</c>).</summary>
    public static string PretrainingFolder(ComparisonArm arm, int replicate) => ArmFolder(arm, replicate) + "/pretraining";

    /// <summary>The model of an arm's replicate (the control's too: its initial weights).</summary>
    public static string ModelFolder(ComparisonArm arm, int replicate) => PretrainingFolder(arm, replicate) + "/" + MlmPretrainer.ModelFolderName;

    /// <summary>The few-shot runs (M3) of an arm's replicate.</summary>
    public static string FewShotFile(ComparisonArm arm, int replicate) => ArmFolder(arm, replicate) + "/fewshot.json";

    /// <summary>
    /// The seed of replicate <paramref name="replicate"/>'s initial weights, row order and masks: the run's seed for
    /// replicate 0, a seed mixed from it and the replicate otherwise.
    /// </summary>
    public long ReplicateSeed(int replicate) =>
        replicate == 0 ? _o.Seed : unchecked((long)SeededRandom.Mix((ulong)_o.Seed ^ SeededRandom.Mix((ulong)replicate)));

    /// <summary>The pretraining of an arm's replicate: its model and its validation-loss curve.</summary>
    public Piece Pretraining(ComparisonArm arm, int replicate)
    {
        var o = _o;
        var record = ArmFolder(arm, replicate) + "/pretraining.json";
        var what = $"the pretraining of {arm.Name} (replicate {replicate})";
        var identity = ResultIdentity.Empty
            .With("corpus", Corpus.Identity.Hash)
            .With("arm", arm.Name)
            .With("model", o.Model)
            .With("curve", $"every {o.CurveInterval} steps on {o.CurveRows} rows, mask seed {o.ValidationMaskSeed}")
            .With("device", o.Device)
            .With("replicate", replicate)
            .With("seed", ReplicateSeed(replicate));
        if (arm == ComparisonArm.None)
        {
            // The control is the initial weights: no schedule, masking or precision enters it.
            return new Piece(record, what, identity);
        }

        return new Piece(record, what, identity
            .With("masking", arm.CreateCurriculum(_table, o.EvaluationInterval)!.Description)
            .With("pmi", _pmi)
            .With("schedule", string.Create(CultureInfo.InvariantCulture, $"{o.PretrainingSteps} steps × {o.BatchSize} rows, lr {o.LearningRate:R}, warm-up {o.WarmupFraction:R}"))
            .With("cm-gems-evaluations", $"every {o.EvaluationInterval} steps on {o.EvaluationRows} rows")
            .With("precision", o.Precision));
    }

    /// <summary>M1 and M2 of an arm's replicate: the frozen model's masked-LM losses and linear probes.</summary>
    public Piece Frozen(ComparisonArm arm, int replicate) =>
        new(ArmFolder(arm, replicate) + "/frozen.json", $"M1 and M2 of {arm.Name} (replicate {replicate})", _tasks
            .With("model", Pretraining(arm, replicate).Identity.Hash)
            .With("corpus", Corpus.Identity.Hash)
            .With("m1", $"{string.Join(", ", MaskingComparison.Maskings)} masks of {_o.M1Rows} validation rows, seed {_o.ValidationMaskSeed}")
            .With("precision", $"M1 {_o.Precision}, M2 features {ModelPrecision.Fp32}")
            .With("device", _o.Device));

    /// <summary>M3's task: n per class drawn from the Prom-core pool with each seed, scored on the first Prom-core test rows.</summary>
    public FewShotTask FewShotTask() => new()
    {
        Name = MaskingComparison.PromCore,
        ClassCount = 2,
        Pool = _data.PromPool,
        Test = _data.FewShotTest(_o),
        MaxLength = _o.Model.MaxPositions,
        Shots = [_o.Shots],
    };

    /// <summary>The few-shot runner of an arm's replicate: a fresh trainer per job on the model in <paramref name="modelDirectory"/>.</summary>
    public EvaluationRunner FewShotRunner(ComparisonArm arm, int replicate, string modelDirectory, ILoggerFactory loggers)
    {
        var trainer = new FreshTrainer(
            new SequenceClassifierOptions
            {
                PretrainedModelPath = modelDirectory,

                // Fine-tuning uses hidden dropout 0.1 for every model (LOGO pretrains without).
                Config = _o.Model with { HiddenDropout = 0.1 },
                Device = _o.Device,
                Precision = _o.Precision,
                EvaluationBatchSize = 500,
            },
            loggers);
        return new EvaluationRunner(trainer, MsOptions.Create(FewShotOptions(arm, replicate)), loggers.CreateLogger<EvaluationRunner>());
    }

    /// <summary>
    /// The few-shot options of an arm's replicate: seeds 0 … Seeds − 1, the comparison's settings, predictions kept,
    /// and the model (the pretraining piece's identity), device and precision as parts of every run's identity.
    /// </summary>
    public EvaluationOptions FewShotOptions(ComparisonArm arm, int replicate)
    {
        var o = _o;
        var settings = new FineTuneSettings(o.FewShotLearningRate, o.FewShotEpochs, o.FewShotBatchSize, WarmupRatio: 0.1, WeightDecay: 0.01, MaxLength: o.Model.MaxPositions);
        var options = new EvaluationOptions
        {
            Shots = [o.Shots],
            SeedCount = o.Seeds,
            FirstSeed = 0,
            FewShotSmallSettings = settings,
            FewShotLargeSettings = settings,
            KeepPredictions = true,
        };
        options.RunIdentity["model"] = Pretraining(arm, replicate).Identity.Hash;
        options.RunIdentity["device"] = o.Device;
        options.RunIdentity["precision"] = o.Precision.ToString();
        options.RunIdentity["trainer"] = "hidden dropout 0.1, evaluation batch 500";
        return options;
    }
}

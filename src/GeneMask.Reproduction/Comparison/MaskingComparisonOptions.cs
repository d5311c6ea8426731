using System.Globalization;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction.Experiments;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// Everything a <see cref="MaskingComparison"/> does, fixed before it runs: the model, the corpus, the shared
/// pretraining schedule (<see cref="ExperimentOptions"/>), the metrics' data sizes and the statistics. Start from
/// <see cref="Default"/> (the README's main job) or <see cref="Tiny"/> (seconds; tests) and adjust with <c>with { … }</c>.
/// </summary>
/// <remarks>
/// Of the shared settings, <see cref="ExperimentOptions.EvaluationInterval"/> and <see cref="ExperimentOptions.EvaluationRows"/>
/// concern CM-GEMS, the one arm that decides on validation evaluations (the others evaluate once, at the end);
/// every corpus row is <see cref="ExperimentOptions.ChunkBases"/> long.
/// </remarks>
public sealed record MaskingComparisonOptions : ExperimentOptions
{
    /// <summary>
    /// The arms run. Without <c>kmer-span</c> (the gate's arm and the reference) the run computes its
    /// arms but its gate fails, so it claims nothing: that way several processes can share the arms of one output folder.
    /// </summary>
    public IReadOnlyList<ComparisonArm> Arms { get; init; } = ComparisonArms.Default;

    /// <summary>Share of the steps spent warming up.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>
    /// Jobs run at the same time (arms' pretraining, frozen metrics, few-shot runs), each with one torch thread on the
    /// CPU; 0 = one per CPU core. Results do not depend on it; on a GPU jobs run one at a time.
    /// </summary>
    public int Workers { get; init; }

    /// <summary>Steps between points of every arm's k-mer-span validation-loss curve.</summary>
    public int CurveInterval { get; init; } = 100;

    /// <summary>Validation rows of the curve points.</summary>
    public int CurveRows { get; init; } = 200;

    /// <summary>Validation rows of M1 (every arm, three fixed maskings).</summary>
    public int M1Rows { get; init; } = 500;

    /// <summary>Seed of M1's fixed masks.</summary>
    public ulong ValidationMaskSeed { get; init; } = 20_240_101;

    /// <summary>The gate: the k-mer-span arm must end at least this many nats below the context-free loss.</summary>
    public double GateMargin { get; init; } = 0.5;

    /// <summary>Prom-core rows (from its shipped test split) that form the training pool of M2 and the few-shot draws of M3.</summary>
    public int PromCorePoolRows { get; init; } = 2_000;

    /// <summary>Prom-core rows, disjoint from the pool, scored by M2.</summary>
    public int PromCoreTestRows { get; init; } = 3_000;

    /// <summary>Splice-40 training rows of the M2 probe: the first rows of the n = 50 fixture (1,500 rows, 500 per class).</summary>
    public int SpliceTrainRows { get; init; } = 1_500;

    /// <summary>Splice-40 test rows scored by M2 (not in the fixture).</summary>
    public int SpliceTestRows { get; init; } = 2_500;

    /// <summary>Examples per class of every few-shot training set (M3).</summary>
    public int Shots { get; init; } = 50;

    /// <summary>Prom-core test rows scored by M3 (the first of M2's test rows).</summary>
    public int FewShotTestRows { get; init; } = 1_000;

    /// <summary>Few-shot learning rate (the CM-GEMS paper, Appendix B.2: 4e-4; 20 epochs, batch 5, warm-up 10 %, weight decay 0.01, dropout 0.1).</summary>
    public double FewShotLearningRate { get; init; } = 4e-4;

    /// <summary>Few-shot epochs.</summary>
    public int FewShotEpochs { get; init; } = 20;

    /// <summary>Few-shot batch size.</summary>
    public int FewShotBatchSize { get; init; } = 5;

    /// <summary>Bootstrap resamples of every interval.</summary>
    public int BootstrapResamples { get; init; } = 10_000;

    /// <summary>The name of the configuration, printed with the results (<c>default</c>, <c>tiny</c>, <c>default (100 steps)</c>).</summary>
    public string Preset { get; init; } = "default";

    /// <summary>Warm-up steps: <see cref="WarmupFraction"/> of the steps.</summary>
    public long WarmupSteps => (long)Math.Round(WarmupFraction * PretrainingSteps);

    /// <summary>
    /// The README's main job: the default arms; LOGO as published (2 layers, hidden 256, 8 heads, intermediate 1,024)
    /// on 128 positions; rows of 126 bases; 1,000 steps of 16 rows at lr 1e-3; CM-GEMS evaluated every 20 steps on 100
    /// rows; bf16 compute (pretraining, few-shot fine-tuning, M1) on CPUs with bf16 instructions
    /// (<see cref="TorchDevices.RecommendedPrecision"/>), float32 elsewhere; M2's probe features always in float32.
    /// </summary>
    public static MaskingComparisonOptions Default { get; } = new()
    {
        Model = BertConfig.LogoOriginal with { MaxPositions = 128 },
        ChunkBases = 126,
        PretrainingSteps = 1_000,
        BatchSize = 16,
        LearningRate = 1e-3,
        EvaluationInterval = 20,
        EvaluationRows = 100,
        Precision = TorchDevices.RecommendedPrecision("cpu"),
        Seeds = 10,
    };

    /// <summary>A one-layer, hidden-32 model on short rows and small data sizes: the whole chain in seconds (tests, smoke runs).</summary>
    public static MaskingComparisonOptions Tiny { get; } = Default with
    {
        Preset = "tiny",
        Model = new BertConfig(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.0, 0.0, MaxPositions: 72),
        ChunkBases = 60,
        PretrainingSteps = 40,
        BatchSize = 8,
        EvaluationInterval = 5,
        EvaluationRows = 32,
        CurveInterval = 10,
        CurveRows = 32,
        M1Rows = 64,
        PromCorePoolRows = 200,
        PromCoreTestRows = 120,
        SpliceTrainRows = 150,
        SpliceTestRows = 120,
        Shots = 5,
        Seeds = 3,
        FewShotTestRows = 60,
        FewShotEpochs = 2,
        BootstrapResamples = 500,
    };

    /// <summary>These options with <paramref name="steps"/> pretraining steps; the warm-up stays its share, and the preset's name says so.</summary>
    public MaskingComparisonOptions WithSteps(long steps) =>
        this with { PretrainingSteps = steps, Preset = string.Create(CultureInfo.InvariantCulture, $"{Preset} ({steps} steps)") };

    /// <summary>
    /// What the results depend on, as one line printed with them (<see cref="ComparisonEvidence.Settings"/>). The arms
    /// and the number of few-shot seeds are left out: each arm and each seed is computed on its own. Reuse is decided
    /// piece by piece, by each piece's identity.
    /// </summary>
    internal string Fingerprint() => string.Create(
        CultureInfo.InvariantCulture,
        $"model={Model};chunk={ChunkBases};steps={PretrainingSteps};batch={BatchSize};lr={LearningRate:R};warmup={WarmupFraction:R};precision={Precision};cmgems={EvaluationInterval}/{EvaluationRows};curve={CurveInterval}/{CurveRows};val={M1Rows}/{ValidationMaskSeed};prom={PromCorePoolRows}/{PromCoreTestRows};splice={SpliceTrainRows}/{SpliceTestRows};fewshot={Shots}/{FewShotTestRows}/{FewShotLearningRate:R}/{FewShotEpochs}/{FewShotBatchSize};seed={Seed};device={Device}");
}

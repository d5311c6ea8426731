using System.Globalization;
using GeneMask.Models.TorchSharp;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// Everything a <see cref="MaskingComparison"/> does, fixed before it runs: the model, the corpus, the shared
/// pretraining schedule, the metrics' data sizes and the statistics. Start from <see cref="Default"/> (the README's main
/// job) or <see cref="Tiny"/> (seconds; tests) and adjust with <c>with { … }</c>.
/// </summary>
public sealed record MaskingComparisonOptions
{
    /// <summary>
    /// The arms run. Without <c>kmer-span</c> (the gate's arm and the reference) the run computes its
    /// arms but its gate fails, so it claims nothing: that way several processes can share the arms of one output folder.
    /// </summary>
    public IReadOnlyList<ComparisonArm> Arms { get; init; } = ComparisonArms.Default;

    /// <summary>The architecture: LOGO as published (2 layers, hidden 256, 8 heads, intermediate 1,024), 128 positions.</summary>
    public BertConfig Model { get; init; } = BertConfig.LogoOriginal with { MaxPositions = 128 };

    /// <summary>Bases per corpus row (all rows full length): 126 bases are 121 6-mers, 123 positions with [CLS]/[SEP].</summary>
    public int ChunkBases { get; init; } = 126;

    /// <summary>Optimizer steps of every pretrained arm.</summary>
    public long PretrainingSteps { get; init; } = 1_000;

    /// <summary>Rows per optimizer step (every arm sees the same rows in the same order).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate (linear warm-up, then linear decay to 0).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Share of the steps spent warming up.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>
    /// Numeric format of pretraining, few-shot fine-tuning and the masked-LM losses (M1): by default bf16 compute with
    /// float32 master weights (<see cref="ModelPrecision.Bf16Mixed"/>) on CPUs with bf16 instructions, float32 elsewhere
    /// (<see cref="TorchDevices.RecommendedPrecision"/>). The probes' features (M2) are always computed in float32.
    /// </summary>
    public ModelPrecision Precision { get; init; } = TorchDevices.RecommendedPrecision("cpu");

    /// <summary>
    /// Jobs run at the same time (arms' pretraining, frozen metrics, few-shot runs), each with one torch thread on the
    /// CPU; 0 = one per CPU core. Results do not depend on it; on a GPU jobs run one at a time.
    /// </summary>
    public int Workers { get; init; }

    /// <summary>Steps between CM-GEMS's validation evaluations (chosen so that its switch happens inside the run).</summary>
    public int CmGemsEvaluationInterval { get; init; } = 20;

    /// <summary>Validation rows of CM-GEMS's evaluations.</summary>
    public int CmGemsValidationRows { get; init; } = 100;

    /// <summary>Steps between points of every arm's k-mer-span validation-loss curve.</summary>
    public int CurveInterval { get; init; } = 100;

    /// <summary>Validation rows of the curve points.</summary>
    public int CurveRows { get; init; } = 200;

    /// <summary>Validation rows of M1 (every arm, three fixed maskings).</summary>
    public int ValidationRows { get; init; } = 500;

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

    /// <summary>Few-shot seeds (M3): seed s draws the same training set and initialises the same head for every arm.</summary>
    public int Seeds { get; init; } = 10;

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

    /// <summary>Seed of the corpus split, the initial weights, the data order, the masks and the partitions.</summary>
    public long Seed { get; init; } = 42;

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The name of the configuration, printed with the results (<c>default</c>, <c>tiny</c>, <c>custom</c>).</summary>
    public string Preset { get; init; } = "default";

    private const int PromCoreLength = 70;

    /// <summary>Warm-up steps: <see cref="WarmupFraction"/> of the steps.</summary>
    public long WarmupSteps => (long)Math.Round(WarmupFraction * PretrainingSteps);

    /// <summary>The README's main job: the default arms at the default sizes.</summary>
    public static MaskingComparisonOptions Default { get; } = new();

    /// <summary>A one-layer, hidden-32 model on short rows and small data sizes: the whole chain in seconds (tests, smoke runs).</summary>
    public static MaskingComparisonOptions Tiny { get; } = new()
    {
        Preset = "tiny",
        Model = new BertConfig(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.0, 0.0, MaxPositions: 72),
        ChunkBases = 60,
        PretrainingSteps = 40,
        BatchSize = 8,
        CmGemsEvaluationInterval = 5,
        CmGemsValidationRows = 32,
        CurveInterval = 10,
        CurveRows = 32,
        ValidationRows = 64,
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

    /// <summary>Every problem, each naming the field and its value; empty when valid (<see cref="MaskingComparisonOptionsValidator"/>).</summary>
    internal List<string> Failures()
    {
        var failures = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        void Check(bool ok, string field, object? value, string expected)
        {
            if (!ok)
            {
                failures.Add(string.Create(inv, $"MaskingComparisonOptions.{field} is {value}; expected {expected}."));
            }
        }

        Check(Arms is { Count: > 0 } && Arms.Distinct().Count() == Arms.Count, nameof(Arms), Arms is null ? "null" : string.Join(",", Arms.Select(a => a.ToString())), "a list of distinct arms");
        if (Model is not null)
        {
            failures.AddRange(new BertConfigValidator().Validate(null, Model).Failures ?? []);
        }

        Check(Model is not null, nameof(Model), "null", "a BertConfig");
        Check(ChunkBases >= 11 && Model is not null && KmerTokenizer.EncodedLength(ChunkBases) <= Model.MaxPositions, nameof(ChunkBases), ChunkBases, $"at least 11, and its 6-mers plus [CLS]/[SEP] within the model's {Model?.MaxPositions} positions");
        Check(Model is null || Model.MaxPositions >= KmerTokenizer.EncodedLength(PromCoreLength), nameof(Model), Model?.MaxPositions, $"a model with at least {KmerTokenizer.EncodedLength(PromCoreLength)} positions (Prom-core's {PromCoreLength}-base rows)");
        Check(PretrainingSteps >= 2, nameof(PretrainingSteps), PretrainingSteps, "at least 2");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "positive");
        Check(WarmupFraction is >= 0 and < 1, nameof(WarmupFraction), WarmupFraction, "in [0, 1)");
        Check(Enum.IsDefined(Precision), nameof(Precision), Precision, "Fp32, Bf16Mixed, Fp16Mixed or Bf16");
        Check(Workers >= 0, nameof(Workers), Workers, "0 (one per CPU core) or more");
        Check(CmGemsEvaluationInterval >= 1 && 2L * CmGemsEvaluationInterval < PretrainingSteps, nameof(CmGemsEvaluationInterval), CmGemsEvaluationInterval, $"at least 1 and less than half of PretrainingSteps ({PretrainingSteps}), so that CM-GEMS can switch inside the run");
        Check(CmGemsValidationRows >= 1, nameof(CmGemsValidationRows), CmGemsValidationRows, "at least 1");
        Check(CurveInterval >= 1 && CurveInterval <= PretrainingSteps, nameof(CurveInterval), CurveInterval, $"in [1, {PretrainingSteps}]");
        Check(CurveRows >= 1, nameof(CurveRows), CurveRows, "at least 1");
        Check(ValidationRows >= 1, nameof(ValidationRows), ValidationRows, "at least 1");
        Check(GateMargin >= 0 && double.IsFinite(GateMargin), nameof(GateMargin), GateMargin, "finite and ≥ 0");
        Check(PromCorePoolRows >= 2 * Shots, nameof(PromCorePoolRows), PromCorePoolRows, $"at least 2 × Shots ({2 * Shots})");
        Check(PromCoreTestRows >= 10, nameof(PromCoreTestRows), PromCoreTestRows, "at least 10");
        Check(SpliceTrainRows is >= 30 and <= 1_500, nameof(SpliceTrainRows), SpliceTrainRows, "in [30, 1,500] (the n = 50 fixture's rows)");
        Check(SpliceTestRows >= 10, nameof(SpliceTestRows), SpliceTestRows, "at least 10");
        Check(Shots >= 1, nameof(Shots), Shots, "at least 1");
        Check(Seeds >= 2, nameof(Seeds), Seeds, "at least 2 (intervals over seeds)");
        Check(FewShotTestRows >= 10 && FewShotTestRows <= PromCoreTestRows, nameof(FewShotTestRows), FewShotTestRows, $"in [10, PromCoreTestRows = {PromCoreTestRows}]");
        Check(FewShotLearningRate > 0 && double.IsFinite(FewShotLearningRate), nameof(FewShotLearningRate), FewShotLearningRate, "positive");
        Check(FewShotEpochs >= 1, nameof(FewShotEpochs), FewShotEpochs, "at least 1");
        Check(FewShotBatchSize >= 1, nameof(FewShotBatchSize), FewShotBatchSize, "at least 1");
        Check(BootstrapResamples >= 100, nameof(BootstrapResamples), BootstrapResamples, "at least 100");
        Check(!string.IsNullOrWhiteSpace(Device), nameof(Device), $"'{Device}'", "cpu, cuda or cuda:N");
        Check(!string.IsNullOrWhiteSpace(Preset), nameof(Preset), $"'{Preset}'", "a name");
        return failures;
    }

    /// <summary>
    /// What the results depend on: a rerun reuses an output folder only when this is unchanged. The arms and the number
    /// of few-shot seeds are left out: each arm and each seed is computed on its own, so more arms or seeds extend a run.
    /// </summary>
    internal string Fingerprint() => string.Create(
        CultureInfo.InvariantCulture,
        $"model={Model};chunk={ChunkBases};steps={PretrainingSteps};batch={BatchSize};lr={LearningRate:R};warmup={WarmupFraction:R};precision={Precision};cmgems={CmGemsEvaluationInterval}/{CmGemsValidationRows};curve={CurveInterval}/{CurveRows};val={ValidationRows}/{ValidationMaskSeed};prom={PromCorePoolRows}/{PromCoreTestRows};splice={SpliceTrainRows}/{SpliceTestRows};fewshot={Shots}/{FewShotTestRows}/{FewShotLearningRate:R}/{FewShotEpochs}/{FewShotBatchSize};seed={Seed};device={Device}");
}

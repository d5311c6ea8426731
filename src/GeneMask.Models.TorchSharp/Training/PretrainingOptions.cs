using System.Globalization;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// Options of a masked-LM pretraining run. Start from a preset (<see cref="GeneMaskDnaBert"/>,
/// <see cref="GeneMaskLogo"/>, <see cref="DnaBertOriginal"/>) and set <see cref="OutputDirectory"/>.
/// </summary>
public sealed class PretrainingOptions
{
    /// <summary>Number of optimizer steps; the run performs exactly this many.</summary>
    public long MaxSteps { get; set; } = 10_000;

    /// <summary>Rows per micro-batch (per forward pass).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Micro-batches whose gradients are summed into one optimizer step.</summary>
    public int GradientAccumulationSteps { get; set; } = 1;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; set; } = 8e-4;

    /// <summary>Steps of linear warm-up (then linear decay to the last step).</summary>
    public long WarmupSteps { get; set; } = 500;

    /// <summary>AdamW weight decay (not applied to biases and LayerNorm weights).</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>AdamW β2.</summary>
    public double Beta2 { get; set; } = 0.98;

    /// <summary>AdamW ε.</summary>
    public double AdamEpsilon { get; set; } = 1e-6;

    /// <summary>Gradient-norm clipping threshold.</summary>
    public double MaxGradientNorm { get; set; } = 1.0;

    /// <summary>Maximum input length, [CLS] and [SEP] included (the block size).</summary>
    public int MaxSequenceLength { get; set; } = 512;

    /// <summary>
    /// Validation every this many optimizer steps (its perplexity drives the curriculum); 0 takes the curriculum's
    /// <c>EvaluationInterval</c>, or 500 when it has none.
    /// </summary>
    public long EvaluationInterval { get; set; }

    /// <summary>Rows of the validation corpus used per evaluation (the first ones); 0 for all.</summary>
    public int MaxValidationRows { get; set; } = 2_000;

    /// <summary>Seed of the validation masks: fixed so that evaluations are comparable.</summary>
    public ulong ValidationSeed { get; set; } = 20_240_101;

    /// <summary>A checkpoint every this many optimizer steps (and always at the end); 0 for the end only.</summary>
    public long CheckpointInterval { get; set; } = 1_000;

    /// <summary>Folder of the checkpoint, the metrics file and the exported model.</summary>
    public string OutputDirectory { get; set; } = "pretraining";

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; set; } = true;

    /// <summary>Seed of data order, masks and dropout.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Masked batches prepared ahead by the background producer.</summary>
    public int PrefetchBatches { get; set; } = 4;

    /// <summary><c>cpu</c> (default), <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Numeric format of weights and compute.</summary>
    public ModelPrecision Precision { get; set; } = ModelPrecision.Fp32;

    /// <summary>
    /// What else determines the run's result that the trainer cannot see — the masking strategies and their options,
    /// the PMI table's hash (<see cref="RunFingerprint.HashOf"/>) — as named parts of its <see cref="RunFingerprint"/>.
    /// The reproduction pipeline fills in the strategy and the PMI table.
    /// </summary>
    public IDictionary<string, string> RunIdentity { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// GeneMask / CM-GEMS DNABert pretraining (reference §7): batch 10 × 25 accumulation, lr 8e-4, warm-up 500,
    /// weight decay 0.01, β (0.9, 0.98), ε 1e-6, clip 1.0, block 512, 10 000 steps.
    /// </summary>
    public static PretrainingOptions GeneMaskDnaBert(long maxSteps = 10_000) => new()
    {
        MaxSteps = maxSteps,
        BatchSize = 10,
        GradientAccumulationSteps = 25,
    };

    /// <summary>GeneMask / CM-GEMS LOGO pretraining: batch 5, no accumulation, otherwise as <see cref="GeneMaskDnaBert"/>.</summary>
    public static PretrainingOptions GeneMaskLogo(long maxSteps = 10_000) => new()
    {
        MaxSteps = maxSteps,
        BatchSize = 5,
        GradientAccumulationSteps = 1,
    };

    /// <summary>DNABERT's own schedule: lr 4e-4, warm-up 10 000, 120 000 steps.</summary>
    public static PretrainingOptions DnaBertOriginal(long maxSteps = 120_000) => new()
    {
        MaxSteps = maxSteps,
        BatchSize = 10,
        GradientAccumulationSteps = 25,
        LearningRate = 4e-4,
        WarmupSteps = 10_000,
    };

    internal string Fingerprint() => string.Create(
        CultureInfo.InvariantCulture,
        $"steps={MaxSteps};batch={BatchSize};accum={GradientAccumulationSteps};lr={LearningRate:R};warmup={WarmupSteps};wd={WeightDecay:R};b1={Beta1:R};b2={Beta2:R};eps={AdamEpsilon:R};clip={MaxGradientNorm:R};len={MaxSequenceLength};eval={EvaluationInterval};vrows={MaxValidationRows};vseed={ValidationSeed};seed={Seed};precision={Precision}");
}

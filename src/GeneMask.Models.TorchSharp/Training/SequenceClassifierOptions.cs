namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Where a fine-tuned classifier starts from and where it runs; the hyperparameters come with each job.</summary>
public sealed class SequenceClassifierOptions
{
    /// <summary>
    /// A pretrained checkpoint (ours or DNABERT's: a folder with <c>config.json</c> and weights, or a weights file when
    /// <see cref="Config"/> is set). Null trains from a fresh initialisation of <see cref="Config"/>.
    /// </summary>
    public string? PretrainedModelPath { get; set; }

    /// <summary>The architecture; overrides the checkpoint's <c>config.json</c>. Required without a checkpoint.</summary>
    public BertConfig? Config { get; set; }

    /// <summary>The k of the k-mer tokenizer (6 for DNABERT-6).</summary>
    public int KmerSize { get; set; } = 6;

    /// <summary><c>cpu</c> (default), <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Numeric format of weights and compute (see <see cref="ModelPrecision"/>).</summary>
    public ModelPrecision Precision { get; set; } = ModelPrecision.Fp32;

    /// <summary>Examples per forward pass when evaluating and predicting (rows are grouped by length, so padding stays small).</summary>
    public int EvaluationBatchSize { get; set; } = 128;

    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>AdamW β2.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>AdamW ε.</summary>
    public double AdamEpsilon { get; set; } = 1e-8;

    /// <summary>Gradient-norm clipping threshold.</summary>
    public double MaxGradientNorm { get; set; } = 1.0;
}

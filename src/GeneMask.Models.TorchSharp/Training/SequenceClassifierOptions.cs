using Microsoft.Extensions.Options;

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

/// <summary>Cross-field validation of <see cref="SequenceClassifierOptions"/>.</summary>
internal sealed class SequenceClassifierOptionsValidator : IValidateOptions<SequenceClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, SequenceClassifierOptions options)
    {
        var failures = new List<string>();
        if (options.PretrainedModelPath is null && options.Config is null)
        {
            failures.Add("SequenceClassifierOptions: set PretrainedModelPath or Config (both are null).");
        }

        if (options.PretrainedModelPath is { } path && !File.Exists(path) && !Directory.Exists(path))
        {
            failures.Add($"SequenceClassifierOptions.PretrainedModelPath '{path}' does not exist.");
        }

        if (options.KmerSize is < 1 or > 8)
        {
            failures.Add($"SequenceClassifierOptions.KmerSize must be 1..8; found {options.KmerSize}.");
        }

        if (options.EvaluationBatchSize < 1)
        {
            failures.Add($"SequenceClassifierOptions.EvaluationBatchSize must be positive; found {options.EvaluationBatchSize}.");
        }

        if (options.Beta1 is < 0 or >= 1 || options.Beta2 is < 0 or >= 1)
        {
            failures.Add($"SequenceClassifierOptions.Beta1/Beta2 must be in [0, 1); found {options.Beta1}/{options.Beta2}.");
        }

        if (options.AdamEpsilon <= 0 || options.MaxGradientNorm <= 0)
        {
            failures.Add($"SequenceClassifierOptions.AdamEpsilon and MaxGradientNorm must be positive; found {options.AdamEpsilon}/{options.MaxGradientNorm}.");
        }

        if (options.Config is { } config)
        {
            try
            {
                config.Validate();
            }
            catch (ArgumentException e)
            {
                failures.Add(e.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

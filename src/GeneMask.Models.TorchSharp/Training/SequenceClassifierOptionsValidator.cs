using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Cross-field validation of <see cref="SequenceClassifierOptions"/>.</summary>
internal sealed class SequenceClassifierOptionsValidator : IValidateOptions<SequenceClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, SequenceClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
            failures.AddRange(new BertConfigValidator().Validate(name, config).Failures ?? []);
        }

        return OptionsValidation.Result(failures);
    }
}

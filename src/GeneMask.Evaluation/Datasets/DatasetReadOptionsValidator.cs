using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Evaluation.Datasets;

/// <summary>Validates <see cref="DatasetReadOptions"/>: the ranges, and that they do not contradict each other.</summary>
internal sealed class DatasetReadOptionsValidator : IValidateOptions<DatasetReadOptions>
{
    public ValidateOptionsResult Validate(string? name, DatasetReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ClassCount is < 2)
        {
            failures.Add($"DatasetReadOptions.ClassCount is {options.ClassCount}; a classification task needs at least 2 classes.");
        }

        if (options.MinLength < 1)
        {
            failures.Add($"DatasetReadOptions.MinLength is {options.MinLength}; must be at least 1.");
        }

        if (options.MaxLength < options.MinLength)
        {
            failures.Add($"DatasetReadOptions.MaxLength is {options.MaxLength}; must be at least MinLength ({options.MinLength}).");
        }

        if (options.K is < 1 or > 32)
        {
            failures.Add($"DatasetReadOptions.K is {options.K}; must be between 1 and 32.");
        }

        if (string.IsNullOrWhiteSpace(options.FastaLabelKey))
        {
            failures.Add($"DatasetReadOptions.FastaLabelKey is '{options.FastaLabelKey}'; must not be empty.");
        }

        return OptionsValidation.Result(failures);
    }
}

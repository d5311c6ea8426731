using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Pmi;

/// <summary>Validates <see cref="PmiOptions"/>, naming the offending value.</summary>
internal sealed class PmiOptionsValidator : IValidateOptions<PmiOptions>
{
    public ValidateOptionsResult Validate(string? name, PmiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.K is < 2 or > NgramCounts.MaxK)
        {
            failures.Add($"PmiOptions.K = {options.K}: must be between 2 (PMI needs at least two parts) and {NgramCounts.MaxK}.");
        }

        if (options.MinCount < 1)
        {
            failures.Add($"PmiOptions.MinCount = {options.MinCount}: the minimum count c must be at least 1.");
        }

        if (!Enum.IsDefined(options.Definition))
        {
            failures.Add($"PmiOptions.Definition = {(int)options.Definition}: not a PmiDefinition.");
        }

        return OptionsValidation.Result(failures);
    }
}

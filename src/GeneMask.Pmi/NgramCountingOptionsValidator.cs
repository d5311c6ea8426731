using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Pmi;

/// <summary>Validates <see cref="NgramCountingOptions"/>, naming the offending value.</summary>
internal sealed class NgramCountingOptionsValidator : IValidateOptions<NgramCountingOptions>
{
    public ValidateOptionsResult Validate(string? name, NgramCountingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.K is < 1 or > NgramCounts.MaxK)
        {
            failures.Add($"NgramCountingOptions.K = {options.K}: must be between 1 and {NgramCounts.MaxK}.");
        }

        if (options.MaxDegreeOfParallelism is < 1 or > 1024)
        {
            failures.Add($"NgramCountingOptions.MaxDegreeOfParallelism = {options.MaxDegreeOfParallelism}: must be between 1 and 1024.");
        }

        if (options.ChunkSize is < 1024 or > 1 << 30)
        {
            failures.Add($"NgramCountingOptions.ChunkSize = {options.ChunkSize}: must be between 1024 and 2^30 bases.");
        }

        return OptionsValidation.Result(failures);
    }
}

using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="MaskedBatchProducerOptions"/>.</summary>
internal sealed class MaskedBatchProducerOptionsValidator : IValidateOptions<MaskedBatchProducerOptions>
{
    public ValidateOptionsResult Validate(string? name, MaskedBatchProducerOptions options) => OptionsValidation.Result(Check(options, nameof(MaskedBatchProducerOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(MaskedBatchProducerOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void AtLeast(string field, long value, long min)
        {
            if (value < min)
            {
                failures.Add($"{prefix}.{field} must be at least {min}, but is {value}.");
            }
        }

        AtLeast(nameof(options.Capacity), options.Capacity, 1);
        AtLeast(nameof(options.Workers), options.Workers, 1);
        AtLeast(nameof(options.StartBatchIndex), options.StartBatchIndex, 0);
        AtLeast(nameof(options.BatchesPerStep), options.BatchesPerStep, 1);
        AtLeast(nameof(options.TotalSteps), options.TotalSteps, 1);
        return failures;
    }
}

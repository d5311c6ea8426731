using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Reproduction.Comparison;

/// <summary>Validates <see cref="MaskingComparisonOptions"/>; the rules, each naming the field and its value, are the options' own (<see cref="MaskingComparisonOptions.Failures"/>).</summary>
internal sealed class MaskingComparisonOptionsValidator : IValidateOptions<MaskingComparisonOptions>
{
    public ValidateOptionsResult Validate(string? name, MaskingComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsValidation.Result(options.Failures());
    }
}

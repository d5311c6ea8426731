using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Reproduction;

/// <summary>Validates <see cref="ReproductionOptions"/>; the rules, each naming the field and its value, are the options' own (<see cref="ReproductionOptions.Failures"/>).</summary>
internal sealed class ReproductionOptionsValidator : IValidateOptions<ReproductionOptions>
{
    public ValidateOptionsResult Validate(string? name, ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsValidation.Result(options.Failures());
    }
}

using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="RandomTokenMaskingOptions"/>.</summary>
internal sealed class RandomTokenMaskingOptionsValidator : IValidateOptions<RandomTokenMaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, RandomTokenMaskingOptions options) => OptionsValidation.Result(Check(options, nameof(RandomTokenMaskingOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(RandomTokenMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        MaskingValidation.Probability(failures, prefix, nameof(options.Probability), options.Probability);
        return failures;
    }
}

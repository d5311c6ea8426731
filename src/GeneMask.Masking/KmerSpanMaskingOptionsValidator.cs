using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="KmerSpanMaskingOptions"/>.</summary>
internal sealed class KmerSpanMaskingOptionsValidator : IValidateOptions<KmerSpanMaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, KmerSpanMaskingOptions options) => OptionsValidation.Result(Check(options, nameof(KmerSpanMaskingOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(KmerSpanMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        MaskingValidation.K(failures, prefix, options.K);
        MaskingValidation.Probability(failures, prefix, nameof(options.Probability), options.Probability);
        return failures;
    }
}

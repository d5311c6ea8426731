using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="GeneMaskMaskingOptions"/>.</summary>
internal sealed class GeneMaskMaskingOptionsValidator : IValidateOptions<GeneMaskMaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, GeneMaskMaskingOptions options) => OptionsValidation.Result(Check(options, nameof(GeneMaskMaskingOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(GeneMaskMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        MaskingValidation.Probability(failures, prefix, nameof(options.Probability), options.Probability);
        MaskingValidation.Defined(failures, prefix, nameof(options.RankLookup), options.RankLookup);
        MaskingValidation.Defined(failures, prefix, nameof(options.UnknownKmerRank), options.UnknownKmerRank);
        if (options.KeepAllCentresUpTo < 0)
        {
            failures.Add($"{prefix}.{nameof(options.KeepAllCentresUpTo)} must be at least 0 (0 = off), but is {options.KeepAllCentresUpTo}.");
        }

        return failures;
    }
}

using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="GlobalPmiMaskingOptions"/>.</summary>
internal sealed class GlobalPmiMaskingOptionsValidator : IValidateOptions<GlobalPmiMaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, GlobalPmiMaskingOptions options) => OptionsValidation.Result(Check(options, nameof(GlobalPmiMaskingOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(GlobalPmiMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        MaskingValidation.Probability(failures, prefix, nameof(options.Probability), options.Probability);
        MaskingValidation.Defined(failures, prefix, nameof(options.RankLookup), options.RankLookup);
        MaskingValidation.Defined(failures, prefix, nameof(options.UnknownKmerRank), options.UnknownKmerRank);
        return failures;
    }
}

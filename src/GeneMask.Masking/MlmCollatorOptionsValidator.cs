using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="MlmCollatorOptions"/>: ranges, enums and the 80/10/10 shares.</summary>
internal sealed class MlmCollatorOptionsValidator : IValidateOptions<MlmCollatorOptions>
{
    public ValidateOptionsResult Validate(string? name, MlmCollatorOptions options) => OptionsValidation.Result(Check(options, nameof(MlmCollatorOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(MlmCollatorOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        MaskingValidation.K(failures, prefix, options.K);
        MaskingValidation.Probability(failures, prefix, nameof(options.MaskTokenProbability), options.MaskTokenProbability);
        MaskingValidation.Probability(failures, prefix, nameof(options.RandomTokenProbability), options.RandomTokenProbability);
        if (options.MaskTokenProbability + options.RandomTokenProbability > 1 + 1e-12)
        {
            failures.Add($"{prefix}: {nameof(options.MaskTokenProbability)} + {nameof(options.RandomTokenProbability)} must not exceed 1, but is {options.MaskTokenProbability} + {options.RandomTokenProbability} = {options.MaskTokenProbability + options.RandomTokenProbability}.");
        }

        MaskingValidation.Defined(failures, prefix, nameof(options.RandomReplacement), options.RandomReplacement);
        MaskingValidation.Defined(failures, prefix, nameof(options.Padding), options.Padding);
        if (options.MaxSequenceLength < 3)
        {
            failures.Add($"{prefix}.{nameof(options.MaxSequenceLength)} must leave room for [CLS], a k-mer and [SEP] (at least 3), but is {options.MaxSequenceLength}.");
        }

        MaskingValidation.AtMost(failures, prefix, nameof(options.MaxSequenceLength), options.MaxSequenceLength, 1 << 20);
        if (options.PadToMultipleOf < 1)
        {
            failures.Add($"{prefix}.{nameof(options.PadToMultipleOf)} must be at least 1, but is {options.PadToMultipleOf}.");
        }

        MaskingValidation.AtMost(failures, prefix, nameof(options.PadToMultipleOf), options.PadToMultipleOf, 1 << 20);
        return failures;
    }
}

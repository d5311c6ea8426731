using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="CmStepCurriculumOptions"/>.</summary>
internal sealed class CmStepCurriculumOptionsValidator : IValidateOptions<CmStepCurriculumOptions>
{
    public ValidateOptionsResult Validate(string? name, CmStepCurriculumOptions options) => OptionsValidation.Result(Check(options, nameof(CmStepCurriculumOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(CmStepCurriculumOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Blocks < 1)
        {
            failures.Add($"{prefix}.{nameof(options.Blocks)} must be at least 1, but is {options.Blocks}.");
        }

        MaskingValidation.AtMost(failures, prefix, nameof(options.Blocks), options.Blocks, 1_000_000);
        return failures;
    }
}

using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="CmGemsCurriculumOptions"/>.</summary>
internal sealed class CmGemsCurriculumOptionsValidator : IValidateOptions<CmGemsCurriculumOptions>
{
    public ValidateOptionsResult Validate(string? name, CmGemsCurriculumOptions options) => OptionsValidation.Result(Check(options, nameof(CmGemsCurriculumOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(CmGemsCurriculumOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!(options.Threshold >= 0) || double.IsInfinity(options.Threshold))
        {
            failures.Add($"{prefix}.{nameof(options.Threshold)} must be a finite perplexity change ≥ 0, but is {options.Threshold}.");
        }

        MaskingValidation.Defined(failures, prefix, nameof(options.Rule), options.Rule);
        if (options.EvaluationInterval < 1)
        {
            failures.Add($"{prefix}.{nameof(options.EvaluationInterval)} must be at least 1 step, but is {options.EvaluationInterval}.");
        }

        return failures;
    }
}

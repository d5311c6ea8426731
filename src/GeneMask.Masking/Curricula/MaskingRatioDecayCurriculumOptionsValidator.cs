using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="MaskingRatioDecayCurriculumOptions"/> (the probabilities that are set; null ones come from the strategy).</summary>
internal sealed class MaskingRatioDecayCurriculumOptionsValidator : IValidateOptions<MaskingRatioDecayCurriculumOptions>
{
    public ValidateOptionsResult Validate(string? name, MaskingRatioDecayCurriculumOptions options) => OptionsValidation.Result(Check(options, nameof(MaskingRatioDecayCurriculumOptions)));

    /// <summary>Every failure, each field named as <paramref name="prefix"/>.Field (the prefix places nested options).</summary>
    public static List<string> Check(MaskingRatioDecayCurriculumOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.StartProbability is { } start)
        {
            MaskingValidation.Probability(failures, prefix, nameof(options.StartProbability), start);
        }

        if (options.EndProbability is { } end)
        {
            MaskingValidation.Probability(failures, prefix, nameof(options.EndProbability), end);
        }

        MaskingValidation.Defined(failures, prefix, nameof(options.Shape), options.Shape);
        return failures;
    }
}

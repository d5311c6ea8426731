using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>Validates <see cref="MaskingOptions"/>: every nested section with its own validator, and the rules that tie fields together.</summary>
internal sealed class MaskingOptionsValidator : IValidateOptions<MaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, MaskingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string prefix = nameof(MaskingOptions);
        if (options.Collator is null || options.RandomToken is null || options.KmerSpan is null || options.GeneMask is null
            || options.GlobalPmi is null || options.CmGems is null || options.CmStep is null || options.RatioDecay is null)
        {
            return ValidateOptionsResult.Fail($"{prefix}: the nested option sections must not be null.");
        }

        failures.AddRange(MlmCollatorOptionsValidator.Check(options.Collator, $"{prefix}.{nameof(options.Collator)}"));
        failures.AddRange(RandomTokenMaskingOptionsValidator.Check(options.RandomToken, $"{prefix}.{nameof(options.RandomToken)}"));
        failures.AddRange(KmerSpanMaskingOptionsValidator.Check(options.KmerSpan, $"{prefix}.{nameof(options.KmerSpan)}"));
        failures.AddRange(GeneMaskMaskingOptionsValidator.Check(options.GeneMask, $"{prefix}.{nameof(options.GeneMask)}"));
        failures.AddRange(GlobalPmiMaskingOptionsValidator.Check(options.GlobalPmi, $"{prefix}.{nameof(options.GlobalPmi)}"));
        failures.AddRange(CmGemsCurriculumOptionsValidator.Check(options.CmGems, $"{prefix}.{nameof(options.CmGems)}"));
        failures.AddRange(CmStepCurriculumOptionsValidator.Check(options.CmStep, $"{prefix}.{nameof(options.CmStep)}"));
        failures.AddRange(MaskingRatioDecayCurriculumOptionsValidator.Check(options.RatioDecay, $"{prefix}.{nameof(options.RatioDecay)}"));
        MaskingValidation.Defined(failures, prefix, nameof(options.Curriculum), options.Curriculum);
        if (!MaskingCatalog.TryGet(options.Strategy, out var strategy) || strategy is not MaskingStrategyEntry)
        {
            failures.Add($"{prefix}.{nameof(options.Strategy)} must be one of {string.Join(", ", MaskingCatalog.Strategies.Select(s => s.Name))}, but is '{options.Strategy}'.");
        }

        if (options.ConstantProbability is { } constant)
        {
            MaskingValidation.Probability(failures, prefix, nameof(options.ConstantProbability), constant);
        }

        if (options.KmerSpan.K != options.Collator.K)
        {
            failures.Add($"{prefix}: KmerSpan.K = {options.KmerSpan.K} must equal Collator.K = {options.Collator.K} (one tokenization).");
        }

        if (options.PmiTablePath is { } path && !File.Exists(path))
        {
            failures.Add($"{prefix}.{nameof(options.PmiTablePath)}: no file at '{path}'.");
        }

        return OptionsValidation.Result(failures);
    }
}

using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>The hand-written rules of <see cref="MaskingOptions"/>: values named in every message, and the rules that tie fields together.</summary>
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

        failures.AddRange(MaskingValidation.Check(options.Collator, $"{prefix}.{nameof(options.Collator)}"));
        failures.AddRange(MaskingValidation.Check(options.RandomToken, $"{prefix}.{nameof(options.RandomToken)}"));
        failures.AddRange(MaskingValidation.Check(options.KmerSpan, $"{prefix}.{nameof(options.KmerSpan)}"));
        failures.AddRange(MaskingValidation.Check(options.GeneMask, $"{prefix}.{nameof(options.GeneMask)}"));
        failures.AddRange(MaskingValidation.Check(options.GlobalPmi, $"{prefix}.{nameof(options.GlobalPmi)}"));
        failures.AddRange(CurriculumValidation.Check(options.CmGems, $"{prefix}.{nameof(options.CmGems)}"));
        failures.AddRange(CurriculumValidation.Check(options.CmStep, $"{prefix}.{nameof(options.CmStep)}"));
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

        if (options.RatioDecay.StartProbability is { } start)
        {
            MaskingValidation.Probability(failures, prefix, "RatioDecay.StartProbability", start);
        }

        if (options.RatioDecay.EndProbability is { } end)
        {
            MaskingValidation.Probability(failures, prefix, "RatioDecay.EndProbability", end);
        }

        if (options.PmiTablePath is { } path && !File.Exists(path))
        {
            failures.Add($"{prefix}.{nameof(options.PmiTablePath)}: no file at '{path}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>The curricula <c>AddGeneMaskMasking</c> can register as <see cref="ICurriculumScheduler"/>.</summary>
public enum CurriculumKind
{
    /// <summary><see cref="ConstantCurriculum"/> with <see cref="MaskingOptions.Strategy"/>.</summary>
    Constant = 0,

    /// <summary><see cref="CmGemsCurriculum"/>: GeneMask, then Global PMI (the paper's method; default).</summary>
    CmGems = 1,

    /// <summary><see cref="CmStepCurriculum"/>: k-mer span or Global PMI, drawn per batch with a rising share.</summary>
    CmStep = 2,

    /// <summary><see cref="MaskingRatioDecayCurriculum"/> with <see cref="MaskingOptions.Strategy"/>.</summary>
    RatioDecay = 3,
}

/// <summary>The strategies by name, for configuration.</summary>
public enum MaskingStrategyKind
{
    /// <summary><see cref="RandomTokenMasking"/>.</summary>
    RandomToken = 0,

    /// <summary><see cref="KmerSpanMasking"/>.</summary>
    KmerSpan = 1,

    /// <summary><see cref="GeneMaskMasking"/>.</summary>
    GeneMask = 2,

    /// <summary><see cref="GlobalPmiMasking"/>.</summary>
    GlobalPmi = 3,
}

/// <summary>
/// Everything <c>services.AddGeneMaskMasking(...)</c> registers, bindable from configuration. Defaults: the paper's
/// strategies and probabilities, CM-GEMS, the embedded PMI table, 80/10/10 with k-mer replacements; every upstream
/// compatibility switch off.
/// </summary>
public sealed class MaskingOptions
{
    /// <summary>A PMI table CSV to load; <see langword="null"/> for the embedded 6-mer table.</summary>
    public string? PmiTablePath { get; set; }

    /// <summary>The collator's options (its <see cref="MlmCollatorOptions.K"/> must be the table's k).</summary>
    [ValidateObjectMembers]
    public MlmCollatorOptions Collator { get; set; } = new();

    /// <summary>Options of the random-token strategy.</summary>
    [ValidateObjectMembers]
    public RandomTokenMaskingOptions RandomToken { get; set; } = new();

    /// <summary>Options of the k-mer span strategy (its k must be the collator's).</summary>
    [ValidateObjectMembers]
    public KmerSpanMaskingOptions KmerSpan { get; set; } = new();

    /// <summary>Options of the GeneMask strategy.</summary>
    [ValidateObjectMembers]
    public GeneMaskMaskingOptions GeneMask { get; set; } = new();

    /// <summary>Options of the Global PMI strategy.</summary>
    [ValidateObjectMembers]
    public GlobalPmiMaskingOptions GlobalPmi { get; set; } = new();

    /// <summary>Which curriculum is registered as <see cref="ICurriculumScheduler"/>. Default <see cref="CurriculumKind.CmGems"/>.</summary>
    public CurriculumKind Curriculum { get; set; } = CurriculumKind.CmGems;

    /// <summary>The strategy of the constant and ratio-decay curricula. Default <see cref="MaskingStrategyKind.GeneMask"/>.</summary>
    public MaskingStrategyKind Strategy { get; set; } = MaskingStrategyKind.GeneMask;

    /// <summary>The constant curriculum's probability; <see langword="null"/> for the strategy's own.</summary>
    [Range(0.0, 1.0)]
    public double? ConstantProbability { get; set; }

    /// <summary>Options of CM-GEMS.</summary>
    [ValidateObjectMembers]
    public CmGemsCurriculumOptions CmGems { get; set; } = new();

    /// <summary>Options of CM-Step.</summary>
    [ValidateObjectMembers]
    public CmStepCurriculumOptions CmStep { get; set; } = new();

    /// <summary>Options of the masking-ratio decay.</summary>
    [ValidateObjectMembers]
    public MaskingRatioDecayCurriculumOptions RatioDecay { get; set; } = new();
}

/// <summary>The DataAnnotations rules of <see cref="MaskingOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class MaskingOptionsAnnotationsValidator : IValidateOptions<MaskingOptions>;

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
        MaskingValidation.Defined(failures, prefix, nameof(options.Strategy), options.Strategy);
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

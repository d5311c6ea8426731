namespace GeneMask.Masking;

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
    public MlmCollatorOptions Collator { get; set; } = new();

    /// <summary>Options of the random-token strategy.</summary>
    public RandomTokenMaskingOptions RandomToken { get; set; } = new();

    /// <summary>Options of the k-mer span strategy (its k must be the collator's).</summary>
    public KmerSpanMaskingOptions KmerSpan { get; set; } = new();

    /// <summary>Options of the GeneMask strategy.</summary>
    public GeneMaskMaskingOptions GeneMask { get; set; } = new();

    /// <summary>Options of the Global PMI strategy.</summary>
    public GlobalPmiMaskingOptions GlobalPmi { get; set; } = new();

    /// <summary>Which curriculum is registered as <see cref="ICurriculumScheduler"/>. Default <see cref="CurriculumKind.CmGems"/>.</summary>
    public CurriculumKind Curriculum { get; set; } = CurriculumKind.CmGems;

    /// <summary>The strategy of the constant and ratio-decay curricula, by catalogue name (<see cref="MaskingCatalog"/>). Default <c>genemask</c>.</summary>
    public string Strategy { get; set; } = GeneMaskMasking.StrategyName;

    /// <summary>The constant curriculum's probability; <see langword="null"/> for the strategy's own.</summary>
    public double? ConstantProbability { get; set; }

    /// <summary>Options of CM-GEMS.</summary>
    public CmGemsCurriculumOptions CmGems { get; set; } = new();

    /// <summary>Options of CM-Step.</summary>
    public CmStepCurriculumOptions CmStep { get; set; } = new();

    /// <summary>Options of the masking-ratio decay.</summary>
    public MaskingRatioDecayCurriculumOptions RatioDecay { get; set; } = new();
}

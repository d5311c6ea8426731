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

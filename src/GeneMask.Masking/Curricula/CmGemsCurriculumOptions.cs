namespace GeneMask.Masking;

/// <summary>Options of <see cref="CmGemsCurriculum"/>.</summary>
public sealed class CmGemsCurriculumOptions
{
    /// <summary>The perplexity change below which the curriculum switches. Default 1.0 (the paper).</summary>
    public double Threshold { get; set; } = 1.0;

    /// <summary>Which change is compared with the threshold. Default <see cref="CmGemsSwitchRule.LastDrop"/>.</summary>
    public CmGemsSwitchRule Rule { get; set; } = CmGemsSwitchRule.LastDrop;

    /// <summary>How often the trainer should evaluate, in optimizer steps. Default 500 (upstream's logging steps).</summary>
    public int EvaluationInterval { get; set; } = 500;

    /// <summary>A copy (the catalogue applies a compatibility to a copy, never to the caller's options).</summary>
    internal CmGemsCurriculumOptions Clone() => (CmGemsCurriculumOptions)MemberwiseClone();
}

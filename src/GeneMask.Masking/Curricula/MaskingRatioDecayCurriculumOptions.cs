namespace GeneMask.Masking;

/// <summary>Options of <see cref="MaskingRatioDecayCurriculum"/>.</summary>
public sealed class MaskingRatioDecayCurriculumOptions
{
    /// <summary>Probability at step 0; <see langword="null"/> for twice the strategy's default (e.g. 30 % of tokens for 15 %).</summary>
    public double? StartProbability { get; set; }

    /// <summary>Probability at the last step; <see langword="null"/> for half the strategy's default.</summary>
    public double? EndProbability { get; set; }

    /// <summary>The decay's shape. Default <see cref="DecayShape.Linear"/>.</summary>
    public DecayShape Shape { get; set; } = DecayShape.Linear;
}

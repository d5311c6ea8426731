namespace GeneMask.Masking;

/// <summary>The shape of <see cref="MaskingRatioDecayCurriculum"/>'s decay.</summary>
public enum DecayShape
{
    /// <summary>Straight line from the start probability to the end probability.</summary>
    Linear = 0,

    /// <summary>Half a cosine: slow at both ends.</summary>
    Cosine = 1,
}

namespace GeneMask.Reproduction.Comparison;

/// <summary>Progress of a comparison.</summary>
/// <param name="Stage">The stage (e.g. <c>pretrain genemask</c>).</param>
/// <param name="StageIndex">Its index in <see cref="MaskingComparison.StageNames"/>.</param>
/// <param name="Fraction">Completion of the stage in [0, 1].</param>
/// <param name="Detail">What is happening, or null.</param>
public sealed record ComparisonProgress(string Stage, int StageIndex, double Fraction, string? Detail);

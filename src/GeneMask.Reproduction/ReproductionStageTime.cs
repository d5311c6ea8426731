namespace GeneMask.Reproduction;

/// <summary>Time spent in one stage of a reproduction.</summary>
/// <param name="Stage">The stage name.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Skipped">True when the stage's output was found from an earlier run and reused.</param>
public sealed record ReproductionStageTime(string Stage, TimeSpan Elapsed, bool Skipped);

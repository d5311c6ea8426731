namespace GeneMask.Evaluation.Reports;

/// <summary>A Table 4 overall mean printed in the paper: few-shot accuracy averaged over 5 tasks × {10, 50}.</summary>
/// <param name="Model">Model as the paper names it.</param>
/// <param name="OverallAccuracy">Mean accuracy (fraction).</param>
public sealed record PublishedFewShot(string Model, double OverallAccuracy);

namespace GeneMask.Evaluation.Statistics;

/// <summary>Result of a paired t-test.</summary>
/// <param name="Count">Number of pairs.</param>
/// <param name="MeanDifference">Mean of a − b.</param>
/// <param name="StdDifference">Sample standard deviation of a − b (n − 1 in the denominator).</param>
/// <param name="T">The t statistic: mean / (std / √n).</param>
/// <param name="DegreesOfFreedom">n − 1.</param>
/// <param name="PValue">Two-sided p-value, 2·P(T_{n−1} ≥ |t|).</param>
public sealed record PairedTTestResult(int Count, double MeanDifference, double StdDifference, double T, int DegreesOfFreedom, double PValue);

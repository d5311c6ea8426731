namespace GeneMask.Evaluation.Reports;

/// <summary>A Table 3 row printed in the paper: mean MCC × 100 over GUE (± std when printed) and the p-value against the baseline.</summary>
/// <param name="Model">Model as the paper names it.</param>
/// <param name="MeanMcc">Mean MCC × 100 over the GUE tasks.</param>
/// <param name="StdMcc">Its standard deviation, or null when not printed.</param>
/// <param name="PValue">Paired t-test p-value against the baseline, or null for the baseline.</param>
public sealed record PublishedSignificance(string Model, double MeanMcc, double? StdMcc, double? PValue);

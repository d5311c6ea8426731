namespace GeneMask.Evaluation.Reports;

/// <summary>A GUE mean printed in the paper (MCC × 100).</summary>
/// <param name="Table">The paper's table ("Table 2", "Table 6").</param>
/// <param name="Model">Model as the paper names it.</param>
/// <param name="HumanMean">Mean MCC × 100 over the Human GUE tasks.</param>
/// <param name="NonHumanMean">Mean MCC × 100 over the non-Human GUE tasks, or null when not printed.</param>
public sealed record PublishedGueMeans(string Table, string Model, double HumanMean, double? NonHumanMean);

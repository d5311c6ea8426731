namespace GeneMask.Evaluation.Reports;

/// <summary>A value column of a report table.</summary>
/// <param name="Key">Machine name (CSV header, JSON key), e.g. <c>prom_core_all</c> or <c>Prom-core_10</c>.</param>
/// <param name="Header">Human header (Markdown).</param>
/// <param name="HasStd">Whether cells carry a standard deviation (written as a <c>{Key}_std</c> CSV column).</param>
public sealed record ReportColumn(string Key, string Header, bool HasStd = false);

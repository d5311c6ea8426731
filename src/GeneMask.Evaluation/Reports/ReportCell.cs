namespace GeneMask.Evaluation.Reports;

/// <summary>A cell: its text, and the number(s) behind it for machine formats.</summary>
/// <param name="Text">What the Markdown shows (<c>73.81</c>, <c>0.640 ± 0.021</c>, <c>—</c>).</param>
/// <param name="Value">The number, or null for an empty cell.</param>
/// <param name="Std">Its standard deviation, or null.</param>
public sealed record ReportCell(string Text, double? Value = null, double? Std = null)
{
    /// <summary>An empty cell (no value).</summary>
    public static ReportCell Empty { get; } = new("—");
}

namespace GeneMask.Evaluation.Reports;

/// <summary>A row: the model it describes, where its numbers come from, and one cell per column.</summary>
/// <param name="Model">The model or strategy.</param>
/// <param name="Source">Measured or published.</param>
/// <param name="Cells">One cell per <see cref="ReportTable.Columns"/> entry.</param>
public sealed record ReportRow(string Model, ValueSource Source, IReadOnlyList<ReportCell> Cells);

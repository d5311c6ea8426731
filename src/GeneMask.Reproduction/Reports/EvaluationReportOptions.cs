using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Datasets;

namespace GeneMask.Reproduction.Reports;

/// <summary>What <see cref="EvaluationReport.Write"/> produces.</summary>
public sealed record EvaluationReportOptions
{
    /// <summary>Published GUE means to show next to Table 2 (or Table 6 for 1K-step runs).</summary>
    public GueReference GueReference { get; init; } = GueReference.Table2;

    /// <summary>The Table 3 baseline (the paper: DNABert 120K); Table 3 is written only when it has GUE runs.</summary>
    public string? BaselineModel { get; init; }

    /// <summary>Add the paper's published numbers as reference rows.</summary>
    public bool IncludePublished { get; init; } = true;

    /// <summary>Measured models in the order of their rows and bars; null: by name.</summary>
    public IReadOnlyList<string>? ModelOrder { get; init; }

    /// <summary>Descriptors of GUE tasks beyond <see cref="TaskCatalog.GueTasks"/> (their species decide the means).</summary>
    public IReadOnlyList<TaskDescriptor>? GueTasks { get; init; }
}

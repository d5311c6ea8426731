using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Datasets;
using GeneMask.Reproduction.Reports;
using GeneMask.Evaluation.Runs;

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

/// <summary>Writes every report the results support into one folder: the paper's tables (Markdown, CSV, JSON) and the few-shot plot.</summary>
public static class EvaluationReport
{
    /// <summary>
    /// Writes Table 2/6 when there are GUE runs, Table 3 when the baseline has GUE runs, and Table 4 with the few-shot
    /// bar plot when there are few-shot runs. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(EvaluationResults results, string directory, EvaluationReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new EvaluationReportOptions();
        var written = new List<string>();
        var gue = results.Runs.Where(r => r.Suite == BenchmarkSuite.Gue).ToList();
        if (gue.Count > 0)
        {
            var reference = options.IncludePublished ? options.GueReference : GueReference.None;
            written.AddRange(PaperTables.GueMcc(results, reference, options.GueTasks ?? TaskCatalog.GueTasks, options.ModelOrder).WriteAll(directory));
            if (options.BaselineModel is { } baseline && gue.Any(r => r.Model == baseline))
            {
                written.AddRange(PaperTables.Significance(results, baseline, options.IncludePublished, options.ModelOrder).WriteAll(directory));
            }
        }

        if (results.Runs.Any(r => r.Suite == BenchmarkSuite.FewShot))
        {
            written.AddRange(PaperTables.FewShotAccuracy(results, options.IncludePublished, modelOrder: options.ModelOrder).WriteAll(directory));
            written.AddRange(EvaluationPlots.SaveFewShotBars(results, directory, modelOrder: options.ModelOrder));
        }

        return written;
    }
}

using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Runs;

namespace GeneMask.Reproduction.Reports;

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

using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Runs;

/// <summary>Aggregates runs: mean ± sample standard deviation over seeds per cell, and the paper's overall means.</summary>
public static class ResultSummary
{
    /// <summary>One summary per (model, suite, task, n), in the results' key order.</summary>
    public static IReadOnlyList<CellSummary> Summarise(EvaluationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Runs
            .GroupBy(r => (r.Model, r.Suite, r.Task, r.Shots))
            .Select(g =>
            {
                var accuracy = g.Select(r => r.Scores.Accuracy).ToArray();
                var mcc = g.Select(r => r.Scores.Mcc).ToArray();
                return new CellSummary(g.Key.Model, g.Key.Suite, g.Key.Task, g.Key.Shots, accuracy.Length,
                    Descriptive.Mean(accuracy), Descriptive.SampleStandardDeviation(accuracy),
                    Descriptive.Mean(mcc), Descriptive.SampleStandardDeviation(mcc));
            })];
    }

    /// <summary>
    /// The paper's few-shot headline: the mean over (task, n) cells of the mean accuracy of <paramref name="model"/>
    /// (Table 4: 5 tasks × {10, 50}). Null when the model has no few-shot runs.
    /// </summary>
    public static double? OverallFewShotAccuracy(IEnumerable<CellSummary> cells, string model)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var means = cells.Where(c => c.Suite == BenchmarkSuite.FewShot && c.Model == model).Select(c => c.MeanAccuracy).ToArray();
        return means.Length == 0 ? null : Descriptive.Mean(means);
    }
}

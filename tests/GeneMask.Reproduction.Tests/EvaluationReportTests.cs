using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Runs;
using GeneMask.Reproduction.Reports;

namespace GeneMask.Reproduction.Tests;

public class EvaluationReportTests
{
    private static readonly GeneMask.Evaluation.Metrics.ConfusionMatrix AnyMatrix = new(2, [1, 0, 0, 1]);

    [Test]
    public void Write_produces_every_table_the_results_support()
    {
        using var folder = new TempFolder();
        EvaluationRun Run(string model, BenchmarkSuite suite, string task, int shots, int seed, double value) =>
            new(model, suite, task, shots, seed, 10, 10, "train", new GeneMask.Evaluation.Metrics.ClassificationScores(value, value, 0, 0, 0, null, AnyMatrix));
        var results = new EvaluationResults(
        [
            Run("A", BenchmarkSuite.Gue, "tf_0", 0, 1, 0.6), Run("A", BenchmarkSuite.Gue, "mouse_0", 0, 1, 0.5),
            Run("B", BenchmarkSuite.Gue, "tf_0", 0, 1, 0.55), Run("B", BenchmarkSuite.Gue, "mouse_0", 0, 1, 0.45),
            Run("A", BenchmarkSuite.FewShot, "Prom-core", 10, 1, 0.6), Run("A", BenchmarkSuite.FewShot, "Prom-core", 10, 2, 0.7),
        ]);

        var paths = EvaluationReport.Write(results, folder.Path, new EvaluationReportOptions { BaselineModel = "B", ModelOrder = ["B", "A"] });

        paths.Select(Path.GetFileName).Should().Equal(
            "table2-gue-mcc.md", "table2-gue-mcc.csv", "table2-gue-mcc.json",
            "table3-significance.md", "table3-significance.csv", "table3-significance.json",
            "table4-fewshot-accuracy.md", "table4-fewshot-accuracy.csv", "table4-fewshot-accuracy.json",
            "fewshot-accuracy.png", "fewshot-accuracy.svg");
        File.ReadAllLines(paths[1])[1].Should().StartWith("B,measured,", "rows follow the requested model order");

        using var gueOnly = new TempFolder();
        EvaluationReport.Write(new EvaluationResults(results.Runs.Where(r => r.Suite == BenchmarkSuite.Gue)), gueOnly.Path)
            .Select(Path.GetFileName).Should().Equal("table2-gue-mcc.md", "table2-gue-mcc.csv", "table2-gue-mcc.json");
    }
}

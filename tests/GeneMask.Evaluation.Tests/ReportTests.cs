using System.Globalization;
using System.Text.Json;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Metrics;
using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Runs;
using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Tests;

public class ReportTests
{
    private static readonly ConfusionMatrix AnyMatrix = new(2, [1, 0, 0, 1]);

    private static EvaluationRun Gue(string model, string task, double mcc, string source = "train") =>
        new(model, BenchmarkSuite.Gue, task, 0, 1, 100, 50, source, new ClassificationScores(0.5, mcc, 0.5, 0.5, 0.5, null, AnyMatrix));

    private static EvaluationRun Shot(string model, string task, int n, int seed, double accuracy) =>
        new(model, BenchmarkSuite.FewShot, task, n, seed, 2 * n, 50, "sampled", new ClassificationScores(accuracy, 0, 0.5, 0.5, 0.5, null, AnyMatrix));

    private static EvaluationResults GueResults() => new(
    [
        Gue("A", "prom_core_all", 0.70), Gue("A", "tf_0", 0.60), Gue("A", "mouse_0", 0.50), Gue("A", "EMP_H3", 0.40, "dev (train not available)"),
        Gue("B", "prom_core_all", 0.68), Gue("B", "tf_0", 0.55), Gue("B", "mouse_0", 0.52), Gue("B", "EMP_H3", 0.30, "dev (train not available)"),
    ]);

    private static string[][] ParseCsv(string csv) =>
        [.. csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Test]
    public void Table2_has_mcc_per_task_and_human_and_non_human_means()
    {
        var table = PaperTables.GueMcc(GueResults());

        var csv = ParseCsv(table.ToCsv());
        csv[0].Should().Equal("model", "source", "prom_core_all", "tf_0", "mouse_0", "EMP_H3", "human_mean", "non_human_mean");
        csv[1].Should().Equal("A", "measured", "70", "60", "50", "40", "65", "45");
        csv[2].Should().Equal("B", "measured", "68", "55", "52", "30", "61.5", "41");
        csv.Skip(3).Should().OnlyContain(r => r[1] == "published");
        csv.Should().Contain(r => r[0] == "DNABert CM-GEMS 10K" && r[6] == "73.81" && r[7] == "54.51" && r[2] == string.Empty);

        var markdown = table.ToMarkdown();
        markdown.Should().StartWith("### Table 2 — GUE, MCC × 100 per task\n");
        markdown.Should().Contain("| A ").And.Contain("70.00").And.Contain("61.50").And.Contain("*published*");
        markdown.Should().Contain("Human mean: prom_core_all, tf_0; non-Human mean: mouse_0, EMP_H3.");
        markdown.Should().Contain("EMP_H3: train split not available; trained on the dev split");
        markdown.Should().Contain("not measured here");
        var tableLines = markdown.Split('\n').Where(l => l.StartsWith('|')).ToList();
        tableLines.Should().HaveCount(2 + 2 + PublishedResults.Table2.Count);
        tableLines.Select(l => l.Length).Distinct().Should().ContainSingle("columns are padded for terminals");
    }

    [Test]
    public void Table6_uses_the_one_thousand_step_references()
    {
        var table = PaperTables.GueMcc(GueResults(), GueReference.Table6);
        table.Id.Should().Be("table6-gue-mcc");
        table.Rows.Where(r => r.Source == ValueSource.Published).Select(r => r.Model).Should().Equal("DNABert CM-GEMS 1K", "LOGO CM-GEMS 1K");
        PaperTables.GueMcc(GueResults(), GueReference.None).Rows.Should().OnlyContain(r => r.Source == ValueSource.Measured);
    }

    [Test]
    public void Published_numbers_are_complete_for_the_rows_reproduced()
    {
        // The paper's Table 6 means (Human / non-Human) and Table 3's baseline std; reference notes §8 for the rest.
        PublishedResults.Table6.Select(p => (p.Model, p.HumanMean, p.NonHumanMean)).Should().Equal(
            ("DNABert CM-GEMS 1K", 70.63, (double?)50.83), ("LOGO CM-GEMS 1K", 67.79, (double?)47.44));
        PublishedResults.Table3.Select(p => (p.Model, p.MeanMcc, p.StdMcc, p.PValue)).Should().Equal(
            ("DNABert CM-GEMS 10K", 63.09, (double?)17.49, (double?)0.021), ("DNABert 120K", 60.69, (double?)17.72, (double?)null));
        PublishedResults.Table2.Single(p => p.Model == "DNABert CM-GEMS 10K").Should().Be(new PublishedGueMeans("Table 2", "DNABert CM-GEMS 10K", 73.81, 54.51));
        PublishedResults.Table4.Select(p => p.OverallAccuracy).Should().Equal(0.640, 0.627, 0.639, 0.656, 0.646, 0.644);
        var markdown = PaperTables.GueMcc(GueResults(), GueReference.Table6).ToMarkdown();
        markdown.Should().Contain("50.83").And.Contain("47.44");
    }

    [Test]
    public void Table2_with_several_seeds_shows_mean_and_std()
    {
        var results = new EvaluationResults([Gue("A", "tf_0", 0.6), Gue("A", "tf_0", 0.7) with { Seed = 2 }]);
        var table = PaperTables.GueMcc(results, GueReference.None);
        var csv = ParseCsv(table.ToCsv());
        csv[0].Should().Equal("model", "source", "tf_0", "tf_0_std", "human_mean", "non_human_mean");
        Parse(csv[1][2]).Should().BeApproximately(65, 1e-9);
        Parse(csv[1][3]).Should().BeApproximately(100 * Math.Sqrt(0.005), 1e-9);
        csv[1][5].Should().BeEmpty("no non-Human task was run");
        table.ToMarkdown().Should().Contain("65.00 ± 7.07");
    }

    [Test]
    public void Tasks_without_a_descriptor_are_refused_for_table2()
    {
        var act = () => PaperTables.GueMcc(new EvaluationResults([Gue("A", "my_own_task", 0.3)]));
        act.Should().Throw<ArgumentException>().WithMessage("No task descriptor for my_own_task*");
    }

    [Test]
    public void Table3_has_mean_std_over_tasks_and_the_paired_t_test_against_the_baseline()
    {
        var table = PaperTables.Significance(GueResults(), "B");

        var csv = ParseCsv(table.ToCsv());
        csv[0].Should().Equal("model", "source", "mean_mcc", "mean_mcc_std", "tasks", "mean_difference", "t", "p_value");
        var a = csv.Single(r => r[0] == "A");
        Parse(a[2]).Should().BeApproximately(55, 1e-9);
        Parse(a[3]).Should().BeApproximately(Math.Sqrt(500.0 / 3), 1e-9);
        a[4].Should().Be("4");
        var expected = PairedTTest.Compute([70.0, 60, 50, 40], [68.0, 55, 52, 30]);
        Parse(a[5]).Should().BeApproximately(3.75, 1e-9);
        Parse(a[6]).Should().BeApproximately(expected.T, 1e-9);
        Parse(a[7]).Should().BeApproximately(expected.PValue, 1e-9);
        var b = csv.Single(r => r[0] == "B" && r[1] == "measured");
        b[7].Should().BeEmpty();
        csv.Should().Contain(r => r[0] == "DNABert CM-GEMS 10K" && r[1] == "published" && r[2] == "63.09" && r[3] == "17.49" && r[7] == "0.021");

        table.ToMarkdown().Should().Contain("baseline").And.Contain("55.00 ± 12.91").And.Contain("+3.75");
    }

    [Test]
    public void Table3_refuses_an_unknown_baseline()
    {
        var act = () => PaperTables.Significance(GueResults(), "C");
        act.Should().Throw<ArgumentException>().WithMessage("The baseline 'C' has no GUE runs. Models with GUE runs: A, B.*");
    }

    [Test]
    public void Table4_has_accuracy_mean_and_std_per_task_and_n_and_the_overall_mean()
    {
        var results = new EvaluationResults(
        [
            Shot("A", "Prom-core", 10, 1, 0.6), Shot("A", "Prom-core", 10, 2, 0.7), Shot("A", "Prom-core", 10, 3, 0.8),
            Shot("A", "Prom-core", 50, 1, 0.75), Shot("A", "Prom-core", 50, 2, 0.85),
            Shot("A", "Splice-40", 10, 1, 0.5), Shot("A", "Splice-40", 10, 2, 0.5), Shot("A", "Splice-40", 10, 3, 0.5),
        ]);

        var table = PaperTables.FewShotAccuracy(results);

        var csv = ParseCsv(table.ToCsv());
        csv[0].Should().Equal("model", "source", "Prom-core_10", "Prom-core_10_std", "Prom-core_50", "Prom-core_50_std", "Splice-40_10", "Splice-40_10_std", "overall_mean");
        var a = csv[1];
        a[0..2].Should().Equal("A", "measured");
        Parse(a[2]).Should().BeApproximately(0.7, 1e-9);
        Parse(a[3]).Should().BeApproximately(0.1, 1e-9);
        Parse(a[4]).Should().BeApproximately(0.8, 1e-9);
        Parse(a[5]).Should().BeApproximately(Math.Sqrt(0.005), 1e-9);
        Parse(a[6]).Should().BeApproximately(0.5, 1e-9);
        Parse(a[7]).Should().Be(0);
        Parse(a[8]).Should().BeApproximately(2.0 / 3, 1e-9);
        csv.Where(r => r[1] == "published").Select(r => (r[0], r[8])).Should().Contain(("DNABert CM-GEMS 10K", "0.644"));

        var markdown = table.ToMarkdown();
        markdown.Should().Contain("0.700 ± 0.100").And.Contain("0.800 ± 0.071").And.Contain("0.667").And.Contain("Prom-core n=10");
        markdown.Should().Contain("seeds (2, 3 runs per cell");
    }

    [Test]
    public void Json_output_names_the_source_of_every_row()
    {
        var json = PaperTables.GueMcc(GueResults()).ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("id").GetString().Should().Be("table2-gue-mcc");
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        rows[0].GetProperty("model").GetString().Should().Be("A");
        rows[0].GetProperty("source").GetString().Should().Be("measured");
        rows[0].GetProperty("values").GetProperty("human_mean").GetProperty("value").GetDouble().Should().Be(65);
        rows.Last().GetProperty("source").GetString().Should().Be("published");
        rows.Last().GetProperty("values").GetProperty("prom_core_all").GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public void WriteAll_writes_markdown_csv_and_json()
    {
        using var folder = new TempFolder();
        var paths = PaperTables.FewShotAccuracy(new EvaluationResults([Shot("A", "Silencer", 10, 1, 0.6)]), includePublished: false).WriteAll(folder.Path);
        paths.Select(Path.GetFileName).Should().Equal("table4-fewshot-accuracy.md", "table4-fewshot-accuracy.csv", "table4-fewshot-accuracy.json");
        File.ReadAllText(paths[0]).Should().Contain("Silencer n=10");
        Directory.GetFiles(folder.Path).Should().HaveCount(3);
    }

    [Test]
    public void Csv_quotes_fields_with_commas()
    {
        var table = new ReportTable("t", "T", [new ReportColumn("x", "x")], [new ReportRow("a, \"b\"", ValueSource.Measured, [new ReportCell("1", 1)])], []);
        table.ToCsv().Should().Be("model,source,x\r\n\"a, \"\"b\"\"\",measured,1\r\n");
    }
}

using System.Xml.Linq;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Metrics;
using GeneMask.Reproduction.Reports;
using GeneMask.Evaluation.Runs;

namespace GeneMask.Reproduction.Tests;

public class PlotTests
{
    private static string MetricsLog(string firstStrategy, string? secondStrategy, int switchAt, double scale)
    {
        var lines = new List<string>();
        for (var step = 50; step <= 1000; step += 50)
        {
            var strategy = secondStrategy is not null && step >= switchAt ? secondStrategy : firstStrategy;
            var loss = (scale * 7 * Math.Exp(-step / 300.0)) + 1.2;
            var line = FormattableString.Invariant($"{{\"step\":{step},\"loss\":{loss},\"lr\":0.0008,\"strategy\":\"{strategy}\",\"maskingProbability\":0.0176,\"tokensPerSecond\":1234.5");
            if (step % 100 == 0)
            {
                line += FormattableString.Invariant($",\"perplexity\":{Math.Exp(loss)}");
            }

            lines.Add(line + "}");
        }

        return string.Join('\n', lines);
    }

    [Test]
    public void Metrics_logs_parse_in_camel_and_snake_case()
    {
        const string text = "{\"step\":10,\"loss\":7.5,\"lr\":1e-4,\"strategy\":\"GeneMask\",\"masking_probability\":0.0176,\"tokens_per_second\":900}\n\n"
            + "{\"Step\":20,\"eval_perplexity\":\"812.5\",\"strategy\":\"Global\"}\n";
        var metrics = PretrainingMetricsLog.Read(new StringReader(text), "m.jsonl");

        metrics.Should().Equal(
            new PretrainingMetric(10, 7.5, 1e-4, "GeneMask", 0.0176, 900, null),
            new PretrainingMetric(20, null, null, "Global", null, null, 812.5));
        TrainingCurve.FromMetrics("CM-GEMS", metrics).CurriculumSwitchStep.Should().Be(20);
        TrainingCurve.FromMetrics("CM-Step", metrics, detectSwitch: false).CurriculumSwitchStep.Should().BeNull();
    }

    [Test]
    public void The_trainers_snake_case_lines_parse_and_phase_changes_mark_the_switch()
    {
        const string text =
            "{\"step\":499,\"loss\":6.1,\"learning_rate\":0.0008,\"strategy\":\"GeneMask\",\"masking_probability\":0.0176,\"tokens_per_second\":5100.5,\"predicted_tokens\":1210}\n"
            + "{\"step\":500,\"loss\":5.9,\"learning_rate\":0.0008,\"strategy\":\"GeneMask\",\"masking_probability\":0.0176,\"tokens_per_second\":5120.3,\"predicted_tokens\":1200,\"validation_loss\":5.7,\"perplexity\":298.8}\n"
            + "{\"step\":501,\"loss\":\"NaN\",\"learning_rate\":0.0008,\"strategy\":\"Global\",\"masking_probability\":0.0136,\"tokens_per_second\":5000,\"predicted_tokens\":1190,\"phase_changed_to\":\"Global\",\"phase_changed_from\":\"GeneMask\"}\n";
        var metrics = PretrainingMetricsLog.Read(new StringReader(text), "metrics.jsonl");

        metrics[1].Should().Be(new PretrainingMetric(500, 5.9, 0.0008, "GeneMask", 0.0176, 5120.3, 298.8));
        metrics[2].PhaseChangedTo.Should().Be("Global", "the trainer marks the first step masked with the new phase");
        double.IsNaN(metrics[2].Loss!.Value).Should().BeTrue();
        TrainingCurve.FromMetrics("CM-GEMS", metrics).CurriculumSwitchStep.Should().Be(500, "the evaluation after step 500 switched; step 501 is the first Global batch");
    }

    [Test]
    public void An_alternating_strategy_has_no_single_switch()
    {
        var metrics = Enumerable.Range(1, 6).Select(step => new PretrainingMetric(step, 5, null, step % 2 == 0 ? "Global" : "KmerSpan", null, null, null)).ToList();
        TrainingCurve.FromMetrics("CM-Step", metrics).CurriculumSwitchStep.Should().BeNull();
    }

    [TestCase("{\"loss\":1}", "m.jsonl, line 1: no 'step'")]
    [TestCase("{\"step\":1}", "m.jsonl, line 1: neither 'loss' nor 'perplexity'")]
    [TestCase("{\"step\":1,\"loss\":1}\n{\"step\":2,\"loss\":[1]}", "m.jsonl, line 2: 'loss' is not a number")]
    [TestCase("{\"step\":1,\"loss\":1}\nnot json", "m.jsonl, line 2: *")]
    public void Bad_metric_lines_are_named(string text, string expected)
    {
        var act = () => PretrainingMetricsLog.Read(new StringReader(text), "m.jsonl");
        act.Should().Throw<FormatException>().WithMessage(expected);
    }

    [Test]
    public void Pretraining_curves_are_written_as_png_and_svg_with_the_switch_marked()
    {
        using var folder = new TempFolder();
        TrainingCurve Curve(string name, string log, bool detect = true) =>
            TrainingCurve.FromMetrics(name, PretrainingMetricsLog.Read(new StringReader(log), name), detect);
        var curves = new[]
        {
            Curve("GeneMask", MetricsLog("GeneMask", null, 0, 1.0)),
            Curve("Global", MetricsLog("Global", null, 0, 1.1)),
            Curve("CM-GEMS", MetricsLog("GeneMask", "Global", 600, 0.9)),
        };
        curves[2].CurriculumSwitchStep.Should().Be(600);

        var paths = EvaluationPlots.SavePretrainingCurves(curves, folder.Path, "pretraining", new PlotSize(800, 450));

        paths.Select(Path.GetFileName).Should().Equal("pretraining-loss.png", "pretraining-loss.svg", "pretraining-perplexity.png", "pretraining-perplexity.svg");
        foreach (var png in paths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(png);
            bytes.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
            bytes.Length.Should().BeGreaterThan(10_000, "a rendered chart, not an empty canvas");
        }

        var svg = XDocument.Load(paths[1]);
        svg.Root!.Name.LocalName.Should().Be("svg");
        File.ReadAllText(paths[1]).Should().Contain("switch at step 600").And.Contain("CM-GEMS");
        Directory.GetFiles(folder.Path).Should().HaveCount(4);
    }

    [Test]
    public void Few_shot_bars_are_written_with_error_bars()
    {
        using var folder = new TempFolder();
        var matrix = new ConfusionMatrix(2, [1, 0, 0, 1]);
        var runs = new List<EvaluationRun>();
        var models = new[] { "DNABert 10K", "GeneMask 10K", "CM-GEMS 10K" };
        for (var m = 0; m < models.Length; m++)
        {
            foreach (var task in new[] { "Prom-core", "Splice-40", "Silencer" })
            {
                foreach (var n in new[] { 10, 50 })
                {
                    for (var seed = 1; seed <= 3; seed++)
                    {
                        var accuracy = 0.55 + (0.02 * m) + (n == 50 ? 0.08 : 0) + (0.015 * seed);
                        runs.Add(new EvaluationRun(models[m], BenchmarkSuite.FewShot, task, n, seed, 2 * n, 100, "sampled",
                            new ClassificationScores(accuracy, 0, 0, 0, 0, null, matrix)));
                    }
                }
            }
        }

        var paths = EvaluationPlots.SaveFewShotBars(new EvaluationResults(runs), folder.Path);

        paths.Select(Path.GetFileName).Should().Equal("fewshot-accuracy.png", "fewshot-accuracy.svg");
        File.ReadAllBytes(paths[0]).Length.Should().BeGreaterThan(10_000);
        var svg = File.ReadAllText(paths[1]);
        svg.Should().Contain("GeneMask 10K").And.Contain("Splice-40");
        XDocument.Parse(svg).Root!.Name.LocalName.Should().Be("svg");
    }

    [Test]
    public void Empty_inputs_are_refused()
    {
        using var folder = new TempFolder();
        FluentActions.Invoking(() => EvaluationPlots.SavePretrainingCurves([], folder.Path)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => EvaluationPlots.SaveFewShotBars(new EvaluationResults(), folder.Path)).Should().Throw<ArgumentException>().WithMessage("No few-shot runs*");
    }
}

using System.Globalization;
using GeneMask.Reproduction.Sweep;

namespace GeneMask.Reproduction.Tests;

public class PretrainingSweepTests
{
    [Test]
    public void Tiny_sweep_records_the_gap_against_steps_and_time_and_reuses_finished_configurations()
    {
        using var folder = new TempFolder();
        var genome = TestData.Genome("phage_lambda_NC_001416.fa");

        var runs = new PretrainingSweep(PretrainingSweepOptions.Tiny).Run([genome], folder.Path);

        runs.Select(r => r.Configuration.Name).Should().Equal("tiny-r60", "tiny-r40");
        foreach (var run in runs)
        {
            run.Curve.Select(p => p.Step).Should().Equal(0, 10, 20);
            run.Curve.Should().OnlyContain(p => Math.Abs(p.Gap - (run.ContextFreeMaskLoss - p.MaskTokenLoss)) < 1e-12);
            run.Curve.Select(p => p.Seconds).Should().BeInAscendingOrder().And.StartWith(0.0);
            run.ContextFreeMaskLoss.Should().BeInRange(5, 9);
            run.PassedAtStep.Should().BeNull("a hidden-32 model learns no context in 20 steps");
            run.FinalGap.Should().Be(run.Curve[^1].Gap);
        }

        // Row length decides the validation masks, so the two context-free losses differ.
        runs[0].ContextFreeMaskLoss.Should().NotBe(runs[1].ContextFreeMaskLoss);

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "sweep.tsv"));
        lines.Should().HaveCount(1 + 6);
        lines[0].Split('\t').Should().Contain(["config", "row_bases", "batch_rows", "lr", "step", "seconds", "mask_token_loss", "context_free_mask_loss", "gap"]);
        lines[1].Split('\t')[^1].Should().Be(runs[0].Curve[0].Gap.ToString("F4", CultureInfo.InvariantCulture));
        File.Exists(Path.Combine(folder.Path, "sweep.json")).Should().BeTrue();

        // A rerun reuses both (the same wall times); a changed configuration is run again.
        var again = new PretrainingSweep(PretrainingSweepOptions.Tiny).Run([genome], folder.Path);
        again.Should().BeEquivalentTo(runs, o => o.WithStrictOrdering());
        var changed = PretrainingSweepOptions.Tiny with { Configurations = [PretrainingSweepOptions.Tiny.Configurations[0] with { LearningRate = 2e-3 }] };
        new PretrainingSweep(changed).Run([genome], folder.Path)[0].Curve[^1].MaskTokenLoss.Should().NotBe(runs[0].Curve[^1].MaskTokenLoss);
    }

    [Test]
    public void The_default_sweep_has_at_least_eight_configurations_of_rows_that_cover_prom_core()
    {
        var configurations = PretrainingSweepOptions.Default.Configurations;
        configurations.Should().HaveCountGreaterThanOrEqualTo(8);
        configurations.Should().OnlyContain(c => c.RowBases >= 72);
        configurations.Select(c => (c.Model.HiddenSize, c.Model.LayerCount)).Distinct().Should().HaveCountGreaterThanOrEqualTo(3);
        configurations.Select(c => c.RowBases).Distinct().Should().HaveCountGreaterThanOrEqualTo(3);
        configurations.Select(c => c.BatchRows).Distinct().Should().HaveCountGreaterThanOrEqualTo(2);
        configurations.Select(c => (c.LearningRate, c.WarmupFraction)).Distinct().Should().HaveCountGreaterThanOrEqualTo(3);

        FluentActions.Invoking(() => new PretrainingSweep(PretrainingSweepOptions.Tiny with { CurveInterval = 0 }))
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*PretrainingSweepOptions.CurveInterval is 0; expected at least 1.*");
    }
}

using GeneMask.Evaluation.Datasets;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;

namespace GeneMask.Reproduction.Tests;

/// <summary>The plan against the reference notes and the upstream scripts: every setting the runs use, and nothing they do not.</summary>
public class ReproductionPlanTests
{
    [Test]
    public void The_upstream_flavour_holds_the_authors_values()
    {
        var fewShot = ReproductionOptions.Paper(ReproducedTable.Four, flavour: ReproductionFlavour.Upstream);
        fewShot.SampleFewShotSets.Should().BeFalse("upstream trains every seed on the published file");
        fewShot.FewShotSmall.LearningRate.Should().Be(1e-4, "the GeneMask scripts' few-shot rate");
        fewShot.Compatibility.Should().Be(UpstreamCompatibility.All);
        var plan = ReproductionPlan.Create(fewShot);
        plan.Strategies.Single(s => s.Strategy == "genemask").Masking.Should().Contain("p=0.0176");
        plan.Strategies.Single(s => s.Strategy == "cm-step").Masking.Should().Contain("p=0.0136");

        // GUE: 8 rows × 4 on one device = the authors' 8 per GPU × 2 accumulation × 2 GPUs; fp16 on CUDA, said when substituted.
        foreach (var flavour in new[] { ReproductionFlavour.Paper, ReproductionFlavour.Upstream })
        {
            var gue = ReproductionOptions.Paper(ReproducedTable.Two, flavour: flavour);
            TaskCatalog.PaperGueTasks.Should().OnlyContain(t => gue.GueSettings(t).EffectiveBatchSize == 32);
            ReproductionPlan.Create(gue).Gue!.Batch.Should().Contain("= 32");
        }

        ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Two, flavour: ReproductionFlavour.Upstream)).Gue!.Precision.Should().StartWith("Fp16Mixed");
        ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Two, "cpu", flavour: ReproductionFlavour.Upstream)).Gue!.Precision.Should().StartWith("Fp32: substituted for the scripts' --fp16");
        ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Two)).Gue!.Precision.Should().StartWith("Fp32 (the scripts use --fp16");
    }

    [TestCase(ReproductionFlavour.Paper)]
    [TestCase(ReproductionFlavour.Upstream)]
    public void The_table_4_plan_prints_what_the_runs_use_and_nothing_they_do_not(ReproductionFlavour flavour)
    {
        var upstream = flavour == ReproductionFlavour.Upstream;
        var plan = ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Four, flavour: flavour));

        // Reference §7 and the catalogue: [CLS] + one token per 6-mer + [SEP]; Prom-300 the paper's 310.
        plan.FewShot!.PerTask.Select(t => (t.Task, t.MaxLength)).Should().Equal(("Prom-core", 67), ("Prom-300", 310), ("Cohn-enh", 497), ("Splice-40", 37), ("Silencer", 296));
        plan.ToJson().Should().NotContain("\"max_length\": 512", "no run uses 512 tokens");
        var splice = plan.FewShot.PerTask.Single(t => t.Task == "Splice-40").TrainingSets;
        splice.Should().Equal(upstream
            ? ["n = 10: the file 10/train.tsv as published, 100 per class, the same for every seed, [UNK] at both ends of every sequence", "n = 50: the file 50/train.tsv as published, 500 per class, the same for every seed, [UNK] at both ends of every sequence"]
            : ["n = 10: 10 per class, drawn per seed (stratified) from the published files together (up to 600 per class)", "n = 50: 50 per class, drawn per seed (stratified) from the published files together (up to 600 per class)"]);
        (plan.FewShot.UpToHundredPerClass.LearningRate, plan.FewShot.UpToHundredPerClass.Epochs, plan.FewShot.UpToHundredPerClass.BatchSize).Should().Be((upstream ? 1e-4 : 4e-4, 20, 5));
        plan.FewShot.Optimizer.Should().StartWith("AdamW (β 0.9/0.999, ε 1E-08").And.Contain("warm-up over the first 10 % of the steps");
        plan.FewShot.BaselineRow.Should().Contain("published value, labelled published");
        plan.Pretraining.Optimizer.Should().Contain("β 0.9/0.98, ε 1E-06, weight decay 0.01 except biases and LayerNorm weights").And.Contain("warm-up 500 steps").And.Contain("step 10000");
        plan.Pretraining.CheckpointInterval.Should().Be(500);
        plan.Extension.Should().BeNull("DNABert is the paper's Table 4 model");
        ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Four, model: ReproductionModel.Logo, flavour: flavour)).Extension.Should().StartWith("Extension, not a paper row");

        // Every §6 behaviour is named; the two left out are left out in both flavours; §6.6 is the upstream flavour's.
        var behaviours = plan.UpstreamBehaviours.ToDictionary(b => b.Source.Split(',')[0]);
        behaviours["§6.1"].Reproduced.Should().Be(upstream);
        behaviours["§6.2"].Reproduced.Should().BeFalse();
        behaviours["§6.3"].Reproduced.Should().Be(upstream);
        behaviours["§6.4"].Reproduced.Should().Be(upstream);
        behaviours["§6.5"].Reproduced.Should().BeFalse();
        behaviours["§6.6"].Reproduced.Should().Be(upstream);
        plan.UpstreamBehaviours.Where(b => !b.Reproduced).Should().OnlyContain(b => b.Detail.Length > 0);
        plan.UpstreamBehaviours.Should().NotContain(b => b.Behaviour.StartsWith("GUE", StringComparison.Ordinal), "Table 4 fine-tunes no GUE task");
    }

    [Test]
    public void The_GUE_plan_names_the_best_checkpoint_rule_and_the_optimizer()
    {
        var gue = ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Six)).Gue!;

        gue.BestCheckpoint.Should().Contain("lowest dev loss");
        ReproductionPlan.Create(ReproductionOptions.Paper(ReproducedTable.Six)).UpstreamBehaviours.Should().ContainSingle(b => b.Behaviour == "GUE fine-tuning in fp16")
            .And.NotContain(b => b.Source == "§6.6", "Table 6 trains on no few-shot file");
        gue.Optimizer.Should().Contain("warm-up over each task's warmup_steps (50; 30 for the TF and mouse tasks)");
        gue.Tasks.Single(t => t.Name == "prom_300_all").FineTuning.EvaluationSteps.Should().Be(400);
    }

    [Test]
    public void A_baseline_checkpoint_is_for_table_4_only()
    {
        Failures(ReproductionOptions.Quick(ReproducedTable.Two) with { BaselineModel = "dnabert" }).Should().ContainSingle()
            .Which.Should().Be("ReproductionOptions.BaselineModel is dnabert; expected null, or a checkpoint folder with Table 4 (the only table with a measured baseline row).");
        Failures(ReproductionOptions.Quick(ReproducedTable.Four) with { BaselineModel = "dnabert" }).Should().BeEmpty();
    }

    private static IReadOnlyList<string> Failures(ReproductionOptions options) =>
        new ReproductionOptionsValidator().Validate(null, options) is { Failed: true } result ? [.. result.Failures!] : [];
}

using System.Text.Json;
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Infrastructure;
using GeneMask.Reproduction.Comparison;
using GeneMask.Reproduction.Experiments;

namespace GeneMask.Reproduction.Tests;

public class ComparisonTests
{
    [Test]
    public void Mean_interval_over_seeds_is_the_student_t_interval()
    {
        // 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.303 → half-width 4.303 / √3 = 2.484.
        var interval = ComparisonStatistics.MeanWithInterval([1.0, 2.0, 3.0]);

        interval.Mean.Should().Be(2);
        interval.Ci95[0].Should().BeApproximately(2 - 2.4843, 1e-3);
        interval.Ci95[1].Should().BeApproximately(2 + 2.4843, 1e-3);
    }

    [Test]
    public void Arms_share_every_pretraining_setting_but_the_evaluation_interval_of_cm_gems()
    {
        var comparison = new MaskingComparison(MaskingComparisonOptions.Default with { Arms = ComparisonArms.All });
        var reference = comparison.PretrainingOptionsFor(ComparisonArm.Of("kmer-span"), "x");
        foreach (var arm in ComparisonArms.All.Where(a => a != ComparisonArm.None))
        {
            var options = comparison.PretrainingOptionsFor(arm, "x");
            options.Should().BeEquivalentTo(reference, o => o.Excluding(p => p.EvaluationInterval), arm.Name);
            options.EvaluationInterval.Should().Be(arm == ComparisonArm.Of("cm-gems") ? 20 : 6_000);
        }

        reference.MaxSteps.Should().Be(6_000);
        reference.BatchSize.Should().Be(32);
        reference.MaxSequenceLength.Should().Be(69); // 72 bases: 67 6-mers plus [CLS] and [SEP], Prom-core's 70 bases fit
    }

    [Test]
    public void Every_catalogue_entry_is_an_arm_under_its_catalogue_name()
    {
        ComparisonArms.All.Select(a => a.Name).Should().Equal(["none", .. MaskingCatalog.All.Select(e => e.Name), "global-by-position"]);
        ComparisonArms.ParseList(["default"]).Select(a => a.Name).Should().Equal("none", "kmer-span", "cm-gems");
        MaskingComparisonOptions.Study.Arms.Should().Equal(ComparisonArms.All);
        MaskingComparisonOptions.Study.Replicates.Should().BeGreaterThanOrEqualTo(5);
        (MaskingComparisonOptions.Study with { Arms = MaskingComparisonOptions.Default.Arms, Replicates = 1, Preset = "default" }).Should().Be(MaskingComparisonOptions.Default);
        ComparisonArms.ParseList(["cm-step,random-span", "none"]).Select(a => a.Name).Should().Equal("none", "kmer-span", "cm-step");
        FluentActions.Invoking(() => ComparisonArms.Parse("globl")).Should().Throw<ArgumentException>()
            .WithMessage("Unknown arm 'globl'; expected one of none, random-token, kmer-span, genemask, global*cm-gems, cm-step, global-by-position*");

        var table = PmiTable.LoadDefault();
        foreach (var arm in ComparisonArms.All.Where(a => a != ComparisonArm.None))
        {
            var phase = arm.CreateCurriculum(table, 20)!.GetPhase(new TrainingState(0, 1_000, 0));
            phase.Strategy.Name.Should().Be(arm == ComparisonArm.GlobalByPosition ? "global" : MaskingCatalog.Get(arm.Name) is CurriculumEntry c ? c.Strategies[0] : arm.Name);
        }
    }

    [Test]
    public void Arms_mask_differently_where_they_should_and_identically_where_they_should()
    {
        var table = PmiTable.LoadDefault();
        var random = new Random(5);
        var rows = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 121).Select(_ => 5 + random.Next(4096)).ToArray()).ToList();
        var collator = new MlmCollator(new MlmCollatorOptions { MaxSequenceLength = 123, Seed = 42 });
        bool[] Mask(ICurriculumScheduler curriculum, long step, long batchIndex) =>
            collator.Collate(rows, batchIndex, curriculum.GetPhase(new TrainingState(step, 1_000, batchIndex))).Predicted.ToArray();

        ComparisonArm[] constant = [ComparisonArm.Of("random-token"), ComparisonArm.Of("kmer-span"), ComparisonArm.Of("genemask"), ComparisonArm.Of("global"), ComparisonArm.GlobalByPosition];
        var masks = constant.ToDictionary(a => a, a => Mask(a.CreateCurriculum(table, 20)!, 10, 3));
        foreach (var a in constant)
        {
            foreach (var b in constant.Where(b => b != a))
            {
                masks[a].Should().NotEqual(masks[b], $"{a.Name} and {b.Name} must choose different positions");
            }
        }

        ComparisonArm.None.CreateCurriculum(table, 20).Should().BeNull();

        // CM-GEMS is GeneMask until its switch and Global after it.
        var cmGems = ComparisonArm.Of("cm-gems").CreateCurriculum(table, 20)!;
        Mask(cmGems, 10, 3).Should().Equal(masks[ComparisonArm.Of("genemask")]);
        cmGems.OnEvaluation(20, 2_000);
        cmGems.OnEvaluation(40, 1_999.5); // a drop below 1.0 perplexity: switch
        Mask(cmGems, 41, 3).Should().Equal(Mask(ComparisonArm.Of("global").CreateCurriculum(table, 20)!, 41, 3));

        // CM-Step mixes k-mer spans and Global batch by batch in the middle of the run.
        var cmStep = ComparisonArm.Of("cm-step").CreateCurriculum(table, 20)!;
        var kmerSpan = ComparisonArm.Of("kmer-span").CreateCurriculum(table, 20)!;
        var global = ComparisonArm.Of("global").CreateCurriculum(table, 20)!;
        var asSpan = 0;
        var asGlobal = 0;
        for (long batch = 500; batch < 540; batch++)
        {
            var mask = Mask(cmStep, batch, batch);
            asSpan += mask.SequenceEqual(Mask(kmerSpan, batch, batch)) ? 1 : 0;
            asGlobal += mask.SequenceEqual(Mask(global, batch, batch)) ? 1 : 0;
        }

        asSpan.Should().BeGreaterThan(5);
        asGlobal.Should().BeGreaterThan(5);
        (asSpan + asGlobal).Should().Be(40);
    }

    /// <summary>The tiny configuration cut further: 12 steps, 3 seeds of one epoch, a few dozen rows per metric.</summary>
    internal static MaskingComparisonOptions Smaller(params ComparisonArm[] arms) => MaskingComparisonOptions.Tiny with
    {
        Arms = arms,
        PretrainingSteps = 12,
        M1Rows = 40,
        CurveRows = 20,
        CurveInterval = 6,
        EvaluationInterval = 3,
        Seeds = 3,
        FewShotEpochs = 1,
        PromCorePoolRows = 60,
        PromCoreTestRows = 40,
        FewShotTestRows = 40,
        SpliceTrainRows = 60,
        SpliceTestRows = 30,
    };

    [Test]
    public void Tiny_comparison_runs_end_to_end_writes_the_evidence_and_reuses_it()
    {
        using var folder = new TempFolder();
        var options = Smaller(ComparisonArm.None, ComparisonArm.Of("kmer-span"), ComparisonArm.Of("global")) with { Seeds = 2, FewShotTestRows = 20 };
        var inputs = new ComparisonInputs([TestData.Genome("phage_lambda_NC_001416.fa")], TestData.Root, folder.Path);

        var outcome = new MaskingComparison(options).Run(inputs);
        var e = outcome.Evidence;

        e.Arms.Select(a => a.Name).Should().Equal("none", "kmer-span", "global");
        e.ContextFreeLoss.Keys.Should().BeEquivalentTo(["random-token", "kmer-span", "global"]);
        e.ContextFreeLoss.Values.Should().OnlyContain(v => v > 5 && v < 9);

        // Same initial weights: every curve starts at the control's loss.
        e.Arms.Select(a => a.Curve[0]).Should().AllBeEquivalentTo(e.Arms[0].Curve[0]);
        e.Arms[1].Curve.Select(p => p.Step).Should().Equal(0, 6, 12);
        e.Arms.Should().OnlyContain(a => a.M3PerSeed.Count == 2 && a.M1Loss.Count == 3 && a.M2Accuracy.Count == 2);

        // Comparisons: global against kmer-span and none, kmer-span against none; M2 on two tasks and M3.
        e.Comparisons.Should().HaveCount(9);
        e.Comparisons.Should().OnlyContain(c => c.Ci95[0] <= c.Difference + 1e-12 && c.Difference <= c.Ci95[1] + 1e-12);
        e.Comparisons.Where(c => c.Metric == "M2" && c.Task == "Splice-40").Should().OnlyContain(c => c.Pairs == 30);

        // A model this small learns nothing in 12 steps: the gate fails, and with one replicate nothing is claimed anyway.
        e.Replicates.Should().Be(1);
        e.Gate.Passed.Should().BeFalse();
        e.Arms.Should().OnlyContain(a => !a.Gate.Passed && a.Replicates.Count == 1);
        e.Comparisons.Should().OnlyContain(c => !c.Claimed);
        e.Comparisons.Where(c => c.Primary).Select(c => $"{c.Arm}-{c.Reference}").Should().BeEquivalentTo("kmer-span-none", "global-none");
        ComparisonReport.Summary(e)[0].Should().StartWith("With one pretraining replicate, differences between strategies cannot be judged");
        outcome.Markdown.Should().Contain("FAILED").And.Contain(MaskingComparison.Rule).And.Contain("did not learn from context");

        // The JSON that tools read.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "evidence.json")));
        var root = json.RootElement;
        root.GetProperty("arms")[0].GetProperty("name").GetString().Should().Be("none");
        root.GetProperty("gate").GetProperty("passed").ValueKind.Should().Be(JsonValueKind.False);
        root.GetProperty("comparisons")[0].GetProperty("ci95").GetArrayLength().Should().Be(2);
        root.GetProperty("arms")[1].GetProperty("m3").GetProperty("ci95").GetArrayLength().Should().Be(2);
        foreach (var file in new[] { "report.md", "arms.csv", "comparisons.csv", "kmer-span-validation-loss.png", "m2-m3-accuracy.png", "m1-cross-masking-loss.png" })
        {
            File.Exists(Path.Combine(folder.Path, "report", file)).Should().BeTrue(file);
        }

        // A rerun reuses every finished piece and reports the same numbers.
        var again = new MaskingComparison(options).Run(inputs).Evidence;
        again.Arms.Select(a => a.M1Loss["kmer-span"]).Should().Equal(e.Arms.Select(a => a.M1Loss["kmer-span"]));
        again.Arms.Select(a => a.M3.Mean).Should().Equal(e.Arms.Select(a => a.M3.Mean));
        again.Arms.Select(a => a.PretrainingSeconds).Should().Equal(e.Arms.Select(a => a.PretrainingSeconds));

        // The history keeps the first invocation's times beside the rerun's.
        e.Invocations.Should().ContainSingle().Which.TotalSeconds.Should().Be(e.TotalSeconds);
        again.Invocations.Should().HaveCount(2);
        again.Invocations[0].Should().BeEquivalentTo(e.Invocations[0]);
        again.Invocations[1].Arms.Should().Equal("none", "kmer-span", "global");

        // Other settings in the same folder are refused.
        FluentActions.Invoking(() => new MaskingComparison(options with { PretrainingSteps = 13 }).Run(inputs))
            .Should().Throw<ResultMismatchException>().Which.Differences.Select(d => d.Name).Should().Equal("schedule");
    }

    [Test]
    public void Results_do_not_depend_on_the_number_of_workers()
    {
        var options = Smaller(ComparisonArm.None, ComparisonArm.Of("kmer-span"), ComparisonArm.Of("cm-gems"));
        ComparisonEvidence Run(int workers)
        {
            using var folder = new TempFolder();
            var inputs = new ComparisonInputs([TestData.Genome("phage_lambda_NC_001416.fa")], TestData.Root, folder.Path);
            return new MaskingComparison(options with { Workers = workers }).Run(inputs).Evidence;
        }

        var one = Run(1);
        var three = Run(3);

        // Fine-tuning draws dropout (0.1) and initialises heads on every worker: still the same numbers, to the bit.
        three.Arms.Select(a => a.Curve.Select(p => p.Loss)).Should().BeEquivalentTo(one.Arms.Select(a => a.Curve.Select(p => p.Loss)), o => o.WithStrictOrdering());
        three.Arms.Select(a => a.M1Loss).Should().BeEquivalentTo(one.Arms.Select(a => a.M1Loss), o => o.WithStrictOrdering());
        three.Arms.Select(a => a.M2Accuracy).Should().BeEquivalentTo(one.Arms.Select(a => a.M2Accuracy), o => o.WithStrictOrdering());
        three.Arms.Select(a => a.M3PerSeed).Should().BeEquivalentTo(one.Arms.Select(a => a.M3PerSeed), o => o.WithStrictOrdering());
        three.CmGemsSwitchStep.Should().Be(one.CmGemsSwitchStep);
    }

    [Test]
    public void Concurrent_work_runs_every_job_once_and_rethrows_the_first_failure()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        ConcurrentWork.Run(Enumerable.Range(0, 20).ToList(), 3, (job, _) => seen.Add(job), CancellationToken.None);
        seen.Should().BeEquivalentTo(Enumerable.Range(0, 20));

        var started = 0;
        FluentActions.Invoking(() => ConcurrentWork.Run(Enumerable.Range(0, 100).ToList(), 2, (job, token) =>
            {
                Interlocked.Increment(ref started);
                if (job == 3)
                {
                    throw new InvalidDataException("job 3 is bad");
                }

                Thread.Sleep(5);
                token.ThrowIfCancellationRequested();
            }, CancellationToken.None))
            .Should().Throw<InvalidDataException>().WithMessage("job 3 is bad");
        started.Should().BeLessThan(100, "the other worker stops after the failure");

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        FluentActions.Invoking(() => ConcurrentWork.Run(Enumerable.Range(0, 4).ToList(), 2, (_, _) => { }, cancelled.Token))
            .Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void A_comparisons_bootstrap_seed_depends_on_its_names_and_the_run_seed_only()
    {
        var seed = ComparisonStatistics.BootstrapSeed(42, ComparisonArm.Of("genemask"), ComparisonArm.Of("kmer-span"), "M3", "Prom-core");
        ComparisonStatistics.BootstrapSeed(42, ComparisonArm.Of("genemask"), ComparisonArm.Of("kmer-span"), "M2", "Prom-core").Should().NotBe(seed);
        ComparisonStatistics.BootstrapSeed(42, ComparisonArm.Of("genemask"), ComparisonArm.None, "M3", "Prom-core").Should().NotBe(seed);
        ComparisonStatistics.BootstrapSeed(43, ComparisonArm.Of("genemask"), ComparisonArm.Of("kmer-span"), "M3", "Prom-core").Should().NotBe(seed);
    }

    [Test]
    public void The_papers_effects_come_from_its_published_table_4()
    {
        ComparisonStatistics.Resolution([]).Select(r => (r.Contrast, r.PaperEffect)).Should().Equal(
            ("genemask − kmer-span", 0.012), ("global − kmer-span", 0.029), ("cm-step − kmer-span", 0.019), ("cm-gems − kmer-span", 0.017));
    }
}

using GeneMask.Masking;
using GeneMask.Reproduction.Comparison;

namespace GeneMask.Reproduction.Tests;

public class ComparisonStatisticsTests
{
    // The default k-mer-span set's measured yardsticks: context-free 8.053 on [MASK] positions, copy baseline 7.382 on all.
    private static readonly GateReference Reference = new("kmer-span", 10_000, 8.053, 7.382, 2.121, 8.05);

    [TestCase(7.05, true)] // more than 1 nat below
    [TestCase(7.0530000001, false)] // just short of the margin
    [TestCase(8.053, false)] // a predictor without context answers the frequencies on [MASK]
    [TestCase(double.NaN, false)]
    public void A_model_passes_only_a_nat_below_the_context_free_loss_on_mask_positions(double maskLoss, bool passed)
    {
        var gate = ComparisonStatistics.Gate("kmer-span", null, maskLoss, 7.3, Reference, ContextGate.DefaultMargin);

        gate.Passed.Should().Be(passed);
        gate.Message.Should().StartWith(passed ? "kmer-span: PASSED" : "kmer-span: FAILED");
        gate.ContextFreeLoss.Should().Be(8.053);
        gate.CopyBaselineLoss.Should().Be(7.382);
        if (!passed && double.IsFinite(maskLoss))
        {
            gate.Message.Should().Contain("these masks show no use of context");
        }
    }

    [Test]
    public void A_copy_only_predictor_fails_the_gate_though_its_full_loss_beats_the_copy_baseline_level()
    {
        // The copy predictor: 6-mer frequencies on [MASK] (the context-free loss there), the visible token elsewhere; its
        // full loss is the copy baseline's, 0.67 nats below the context-free full loss, which passed the old gate.
        var gate = ComparisonStatistics.Gate("kmer-span", 0, Reference.ContextFreeMaskLoss, Reference.CopyBaselineLoss, Reference, ContextGate.DefaultMargin);

        gate.Passed.Should().BeFalse();
        gate.Gap.Should().Be(0);
        gate.Message.Should().StartWith("kmer-span (replicate 0): FAILED");
    }

    [Test]
    public void An_arm_passes_only_when_every_replicate_passes_and_the_control_is_not_held_to_it()
    {
        var arm = ComparisonArm.Of("kmer-span");
        var pass = ComparisonStatistics.Gate(arm.Name, 0, 6.0, 7.0, Reference, 1.0);
        var fail = ComparisonStatistics.Gate(arm.Name, 1, 7.5, 7.4, Reference, 1.0);

        var both = ComparisonStatistics.ArmGate(arm, [pass, pass with { Replicate = 1, ModelLoss = 6.5 }]);
        both.Passed.Should().BeTrue();
        both.ModelLoss.Should().BeApproximately(6.25, 1e-12);
        both.Gap.Should().BeApproximately(8.053 - 6.25, 1e-12);
        both.Replicate.Should().BeNull();
        both.Message.Should().StartWith("kmer-span: PASSED in all 2 replicates");

        var one = ComparisonStatistics.ArmGate(arm, [pass, fail]);
        one.Passed.Should().BeFalse();
        one.Message.Should().StartWith("kmer-span: FAILED in 1 of 2 replicates");

        ComparisonStatistics.ArmGate(ComparisonArm.None, [fail with { Arm = "none" }]).Message.Should().Contain("the control is not pretrained");
    }

    [Test]
    public void An_arm_learned_from_context_when_one_fixed_masking_passes_in_every_replicate()
    {
        // Context-free losses on [MASK] positions per masking; cm-gems at R = 1 of the main job: 7.353 on k-mer-span
        // masks (0.689 below: fails), 6.069 on random-token masks (1.97 below: passes).
        var arm = ComparisonArm.Of("cm-gems");
        GateResult On(string masking, int replicate, double maskLoss, double contextFree) =>
            ComparisonStatistics.Gate(arm.Name, replicate, masking, maskLoss, 7.0, contextFree, 7.4, 1.0);
        GateResult[] PerMasking(params GateResult[][] replicates) =>
            [.. Enumerable.Range(0, 3).Select(m => ComparisonStatistics.ArmGate(arm, [.. replicates.Select(r => r[m])]))];

        var passesOnRandomToken = PerMasking(
            [On("random-token", 0, 6.069, 8.04), On("kmer-span", 0, 7.353, 8.042), On("global", 0, 7.9, 8.1)],
            [On("random-token", 1, 6.5, 8.04), On("kmer-span", 1, 6.9, 8.042), On("global", 1, 7.9, 8.1)]);
        var check = ComparisonStatistics.ContextCheck(arm, passesOnRandomToken);
        check.Passed.Should().BeTrue();
        check.Masking.Should().Be("random-token");
        check.Gap.Should().BeApproximately(8.04 - ((6.069 + 6.5) / 2), 1e-12);
        check.Message.Should().StartWith("cm-gems learned from context: on the [MASK]-input positions of fixed random-token masks");

        // Each replicate passes somewhere, but no masking passes in both: not learned.
        var scattered = PerMasking(
            [On("random-token", 0, 6.0, 8.04), On("kmer-span", 0, 7.5, 8.042), On("global", 0, 7.9, 8.1)],
            [On("random-token", 1, 7.5, 8.04), On("kmer-span", 1, 6.9, 8.042), On("global", 1, 7.9, 8.1)]);
        var failed = ComparisonStatistics.ContextCheck(arm, scattered);
        failed.Passed.Should().BeFalse();
        failed.Message.Should().StartWith("cm-gems did not learn from context");

        // With two passing maskings, the larger gap is reported.
        var two = PerMasking([On("random-token", 0, 6.9, 8.04), On("kmer-span", 0, 6.0, 8.042), On("global", 0, 7.9, 8.1)]);
        ComparisonStatistics.ContextCheck(arm, two).Masking.Should().Be("kmer-span");
    }

    [Test]
    public void The_smallest_detectable_difference_matches_the_cauchy_case_worked_by_hand()
    {
        // One degree of freedom is the Cauchy law: t(q, 1) = tan(π (q − ½)). A t-interval 0.3 ± 12.706·0.1 has SE 0.1;
        // at α/m = 0.05/3: t(1 − 0.05/6, 1) = cot(π·0.05/6) = 38.18846, t(0.8, 1) = tan(0.3 π) = 1.37638:
        // (38.18846 + 1.37638) · 0.1 = 3.95648.
        var t975 = Math.Tan(Math.PI * 0.475);
        var effect = ComparisonStatistics.DetectableEffect([0.3 - (t975 * 0.1), 0.3 + (t975 * 0.1)], 1, 3);

        effect.Should().BeApproximately(3.95648, 1e-5);
    }

    [Test]
    public void Replicated_m3_comparison_matches_hand_worked_intervals()
    {
        // Per replicate and seed: differences 0.2, 0.2 (replicate 0) and 0.4, 0.4 (replicate 1). Replicate means 0.2 and
        // 0.4: mean 0.3, s = 0.1414, s/√2 = 0.1, t(0.975, 1) = 12.706 → [0.3 − 1.2706, 0.3 + 1.2706];
        // t = 3 on 1 df: p = 1 − 2·atan(3)/π = 0.2048.
        IReadOnlyList<IReadOnlyList<double>> a = [[0.7, 0.9], [0.8, 1.0]];
        IReadOnlyList<IReadOnlyList<double>> b = [[0.5, 0.7], [0.4, 0.6]];

        var c = ComparisonStatistics.Compare(ComparisonArm.Of("cm-gems"), ComparisonArm.Of("kmer-span"), "M3", "Prom-core", "seeds", a, b, 7, 2_000, primary: true, tOverUnits: true);

        c.Difference.Should().BeApproximately(0.3, 1e-12);
        c.TCi95[0].Should().BeApproximately(0.3 - 1.27062, 1e-4);
        c.TCi95[1].Should().BeApproximately(0.3 + 1.27062, 1e-4);
        c.P.Should().BeApproximately(1 - (2 * Math.Atan(3) / Math.PI), 1e-6);

        // The hierarchical bootstrap draws replicates (the seeds' differences are equal within one): its means are
        // 0.2, 0.3 and 0.4 with probabilities ¼, ½, ¼, so its 95 % interval is [0.2, 0.4].
        c.Ci95[0].Should().BeApproximately(0.2, 1e-12);
        c.Ci95[1].Should().BeApproximately(0.4, 1e-12);
        c.PairedOver.Should().Be("2 seeds × 2 replicates");
        c.Pairs.Should().Be(2);
    }

    [Test]
    public void Unreplicated_m3_uses_the_t_interval_over_seeds_and_m2_the_paired_bootstrap()
    {
        // Differences 0.1, 0.2, 0.3: mean 0.2, s = 0.1, s/√3 = 0.05774, t(0.975, 2) = 4.3027 → ±0.24842.
        IReadOnlyList<IReadOnlyList<double>> a = [[0.6, 0.7, 0.8]];
        IReadOnlyList<IReadOnlyList<double>> b = [[0.5, 0.5, 0.5]];

        var m3 = ComparisonStatistics.Compare(ComparisonArm.Of("global"), ComparisonArm.None, "M3", "Prom-core", "seeds", a, b, 7, 2_000, primary: true, tOverUnits: true);
        m3.Ci95[0].Should().BeApproximately(0.2 - 0.24842, 1e-4);
        m3.Ci95[1].Should().BeApproximately(0.2 + 0.24842, 1e-4);
        m3.TCi95.Should().Equal(m3.Ci95);
        m3.PairedOver.Should().Be("3 seeds");

        var m2 = ComparisonStatistics.Compare(ComparisonArm.Of("global"), ComparisonArm.None, "M2", "Prom-core", "test examples", a, b, 7, 2_000, primary: false, tOverUnits: false);
        m2.Ci95[0].Should().BeGreaterThanOrEqualTo(0.1 - 1e-12);
        m2.Ci95[1].Should().BeLessThanOrEqualTo(0.3 + 1e-12);
        m2.TCi95.Should().Equal(m3.TCi95);
    }

    private static ArmComparison Comparison(string arm, string reference, bool primary, double p, double low = 0.01, double high = 0.05) => new()
    {
        Arm = arm,
        Reference = reference,
        Metric = "M3",
        Task = "Prom-core",
        Primary = primary,
        PairedOver = "10 seeds × 5 replicates",
        Pairs = 10,
        Difference = (low + high) / 2,
        Ci95 = [low, high],
        TCi95 = [low, high],
        P = p,
    };

    [Test]
    public void Holm_over_the_primary_family_decides_the_claims()
    {
        // Primary p-values 0.01, 0.04, 0.02 (m = 3): Holm 3·0.01 = 0.03, max(0.03, 2·0.02) = 0.04, max(0.04, 1·0.04) = 0.04.
        ArmComparison[] comparisons =
        [
            Comparison("kmer-span", "none", primary: true, p: 0.01),
            Comparison("cm-gems", "none", primary: true, p: 0.04),
            Comparison("cm-gems", "kmer-span", primary: true, p: 0.02),
            Comparison("global", "kmer-span", primary: false, p: 0.0001),
        ];

        var decided = ComparisonStatistics.Decide(comparisons, 5, _ => true);
        decided.Select(c => c.PHolm).Should().Equal(0.03, 0.04, 0.04, null);
        decided.Select(c => c.Claimed).Should().Equal(true, true, true, false);

        // A fourth primary comparison makes the family larger; sorted 0.01, 0.02, 0.04, 0.5: 4·0.01 = 0.04, 3·0.02 = 0.06,
        // 2·0.04 = 0.08, 0.5 — in input order 0.04, 0.08, 0.06, 0.5.
        var larger = ComparisonStatistics.Decide([.. comparisons, Comparison("global", "none", primary: true, p: 0.5, low: -0.01)], 5, _ => true);
        larger.Where(c => c.Primary).Select(c => c.PHolm!.Value).Should().Equal([0.04, 0.08, 0.06, 0.5], (x, y) => Math.Abs(x - y) < 1e-12);
        larger.Select(c => c.Claimed).Should().Equal(true, false, false, false, false);

        // One replicate: nothing is claimed. An arm that did not learn from context: its comparisons are not claimed.
        ComparisonStatistics.Decide(comparisons, 1, _ => true).Should().OnlyContain(c => !c.Claimed);
        ComparisonStatistics.Decide(comparisons, 5, name => name != "cm-gems").Select(c => c.Claimed).Should().Equal(true, false, false, false);

        // An interval that includes 0 is not claimed whatever the p-value.
        ComparisonStatistics.Decide([comparisons[0] with { TCi95 = [-0.01, 0.05] }], 5, _ => true).Single().Claimed.Should().BeFalse();
    }
}

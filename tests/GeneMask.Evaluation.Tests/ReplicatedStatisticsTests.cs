using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Tests;

/// <summary>t-intervals, Holm's correction and the hierarchical bootstrap on known cases.</summary>
public class ReplicatedStatisticsTests
{
    // For ν = 2 the t quantile has a closed form: F(t) = ½ + t / (2√(2 + t²)), so t₀.₉₇₅ = √(2·0.95² / (1 − 0.95²)) = 4.302653
    // (the table's 4.303).
    private static readonly double T975Df2 = Math.Sqrt(2 * 0.9025 / (1 - 0.9025));

    [Test]
    public void The_t_interval_of_a_mean_by_hand()
    {
        // (1, 2, 3): mean 2, s = 1, SE = 1/√3, df 2; p of mean = 0: t = 2√3, p = 1 − 2√3/√14 = 0.0741799.
        var interval = TInterval.OfMean([1.0, 2, 3]);

        T975Df2.Should().BeApproximately(4.303, 5e-4);
        interval.Mean.Should().Be(2);
        interval.StandardError.Should().BeApproximately(1 / Math.Sqrt(3), 1e-12);
        interval.DegreesOfFreedom.Should().Be(2);
        interval.Low.Should().BeApproximately(2 - (T975Df2 / Math.Sqrt(3)), 1e-9);
        interval.High.Should().BeApproximately(2 + (T975Df2 / Math.Sqrt(3)), 1e-9);
        interval.PValue.Should().BeApproximately(0.0741799, 1e-7);
        interval.ExcludesZero.Should().BeFalse();
    }

    [Test]
    public void The_paired_t_interval_of_Students_sleep_data()
    {
        // R: t.test(extra ~ group, data = sleep, paired = TRUE): 95 percent confidence interval −2.4598858 −0.7001142, p = 0.002833.
        double[] drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        double[] drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        var interval = TInterval.OfPairedDifference(drug1, drug2);

        interval.Mean.Should().BeApproximately(-1.58, 1e-12);
        interval.Low.Should().BeApproximately(-2.4598858, 1e-6);
        interval.High.Should().BeApproximately(-0.7001142, 1e-6);
        interval.PValue.Should().BeApproximately(0.002833, 5e-7);
        interval.ExcludesZero.Should().BeTrue();

        // At 90 %: t₀.₉₅,₉ = 1.833 (table), SE = 1.229995 / √10.
        var ninety = TInterval.OfPairedDifference(drug1, drug2, 0.90);
        ninety.HalfWidth.Should().BeApproximately(1.833 * 1.2299955 / Math.Sqrt(10), 5e-4);
    }

    [Test]
    public void The_t_interval_over_replicates_uses_the_replicate_means()
    {
        // Replicate mean differences 2, 2 and 5 (each replicate weighs the same, whatever its units): mean 3, s = √3,
        // SE = 1, df 2, interval 3 ± 4.302653, p = 1 − 3/√11.
        double[][] a = [[1, 2, 3], [2, 3], [6]];
        double[][] b = [[0, 0, 0], [0, 1], [1]];
        var interval = TInterval.OfReplicateDifference(a, b);

        (interval.Count, interval.Mean, interval.DegreesOfFreedom).Should().Be((3, 3.0, 2));
        interval.StandardError.Should().BeApproximately(1, 1e-12);
        interval.Low.Should().BeApproximately(3 - T975Df2, 1e-9);
        interval.High.Should().BeApproximately(3 + T975Df2, 1e-9);
        interval.PValue.Should().BeApproximately(1 - (3 / Math.Sqrt(11)), 1e-10);
    }

    [Test]
    public void Degenerate_and_bad_inputs()
    {
        var constant = TInterval.OfPairedDifference([2.0, 3, 4], [1.0, 2, 3]);
        (constant.Low, constant.High, constant.PValue).Should().Be((1.0, 1.0, 0.0));

        FluentActions.Invoking(() => TInterval.OfMean([1.0])).Should().Throw<ArgumentException>().WithMessage("*at least 2 values*");
        FluentActions.Invoking(() => TInterval.OfMean([1.0, double.NaN])).Should().Throw<ArgumentException>().WithMessage("Value 1*");
        FluentActions.Invoking(() => TInterval.OfMean([1.0, 2], 1.5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => TInterval.OfReplicateDifference([[1.0]], [[0.0]])).Should().Throw<ArgumentException>().WithMessage("*at least 2 replicates*");
        FluentActions.Invoking(() => TInterval.OfReplicateDifference([[1.0], [2.0, 3]], [[0.0], [1.0]])).Should().Throw<ArgumentException>().WithMessage("Replicate 1*equal lengths (2 vs 1)*");
        FluentActions.Invoking(() => TInterval.OfReplicateDifference([[1.0], []], [[0.0], []])).Should().Throw<ArgumentException>().WithMessage("Replicate 1 has no units*");
    }

    [Test]
    public void Over_ten_seeds_the_t_interval_covers_95_percent_and_the_percentile_bootstrap_about_90()
    {
        // 2,000 simulated experiments of 10 normal paired differences with true mean 0. P(|t₉| < 1.96·√0.9) = 0.90.
        var random = new Random(10);
        int t = 0, bootstrap = 0;
        const int Experiments = 2000;
        var values = new double[10];
        var zeros = new double[10];
        for (var e = 0; e < Experiments; e++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Normal(random);
            }

            t += TInterval.OfMean(values).ExcludesZero ? 0 : 1;
            bootstrap += PairedBootstrap.MeanDifference(values, zeros, e, resamples: 1000).ExcludesZero ? 0 : 1;
        }

        // Tolerances: ±0.02 is 4 standard errors of a coverage of 0.95 over 2,000 experiments.
        ((double)t / Experiments).Should().BeApproximately(0.95, 0.02);
        ((double)bootstrap / Experiments).Should().BeApproximately(0.90, 0.025);
    }

    [Test]
    public void Holm_on_the_worked_example()
    {
        // Four hypotheses with p = 0.01, 0.04, 0.03, 0.005 (Wikipedia's example for Holm's method). Sorted: 0.005·4 = 0.02,
        // 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06. At α = 0.05 H4 and H1 are rejected.
        Holm.AdjustedPValues([0.01, 0.04, 0.03, 0.005]).Should().Equal([0.03, 0.06, 0.06, 0.02], (x, y) => Math.Abs(x - y) < 1e-15);

        // Capped at 1 and monotone: 0.01·3 = 0.03, 0.5·2 = 1, 0.6·1 = 0.6 → 1.
        Holm.AdjustedPValues([0.5, 0.6, 0.01]).Should().Equal(1.0, 1.0, 0.03);

        // Ties, a NaN left out of the family (m = 2), no values.
        Holm.AdjustedPValues([0.02, 0.02]).Should().Equal(0.04, 0.04);
        var withNaN = Holm.AdjustedPValues([0.01, double.NaN, 0.04]);
        withNaN[0].Should().Be(0.02);
        double.IsNaN(withNaN[1]).Should().BeTrue();
        withNaN[2].Should().Be(0.04);
        Holm.AdjustedPValues([]).Should().BeEmpty();
        FluentActions.Invoking(() => Holm.AdjustedPValues([0.1, 1.2])).Should().Throw<ArgumentException>().WithMessage("p-value 1 is 1.2*");
    }

    [Test]
    public void Holm_adjusted_p_values_reject_exactly_what_the_step_down_procedure_rejects()
    {
        // Brute force: Holm's procedure at level α tests the sorted p-values against α/m, α/(m − 1), … and stops at the
        // first that fails; H is rejected at α exactly when its adjusted p-value is ≤ α (checked just above and just below
        // every adjusted value, where rounding cannot decide).
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var p = Enumerable.Range(0, 1 + random.Next(12)).Select(_ => random.NextDouble() < 0.5 ? random.NextDouble() * 0.05 : random.NextDouble()).ToArray();
            var adjusted = Holm.AdjustedPValues(p);
            foreach (var alpha in adjusted.SelectMany(a => new[] { a * (1 + 1e-9), a * (1 - 1e-9), 0.05 }).Where(a => a < 1))
            {
                var rejected = StepDown(p, alpha);
                for (var i = 0; i < p.Length; i++)
                {
                    rejected[i].Should().Be(adjusted[i] <= alpha, $"trial {trial}, α = {alpha}, p = [{string.Join(", ", p)}]");
                }
            }
        }
    }

    [Test]
    public void The_hierarchical_bootstrap_of_two_constant_replicates_is_enumerable()
    {
        // Differences 0, 0, 0 in replicate 0 and 3 in replicate 1: the estimate weighs replicates equally (1.5, not the
        // pooled 0.75). Units inside a replicate are equal, so a resample's mean is the mean of 2 replicates drawn with
        // replacement: 0 (¼), 1.5 (½), 3 (¼), and the 95 % percentile interval is [0, 3].
        double[][] a = [[1, 2, 3], [4]];
        double[][] b = [[1, 2, 3], [1]];
        var interval = HierarchicalBootstrap.MeanDifference(a, b, seed: 4, ReplicateUnits.Nested);
        (interval.Count, interval.MeanDifference, interval.Low, interval.High).Should().Be((2, 1.5, 0.0, 3.0));

        var constant = HierarchicalBootstrap.MeanDifference([[2.0, 3], [4.0, 5]], [[1.0, 2], [3.0, 4]], seed: 1, ReplicateUnits.Crossed);
        (constant.Low, constant.High).Should().Be((1.0, 1.0));
        HierarchicalBootstrap.MeanDifference(a, b, 9, ReplicateUnits.Nested).Should().Be(HierarchicalBootstrap.MeanDifference(a, b, 9, ReplicateUnits.Nested));
        FluentActions.Invoking(() => HierarchicalBootstrap.MeanDifference(a, b, 1, ReplicateUnits.Crossed)).Should().Throw<ArgumentException>().WithMessage("Crossed units: replicate 1 has 1 units, replicate 0 has 3*");
        FluentActions.Invoking(() => HierarchicalBootstrap.MeanDifference([[1.0]], [[1.0]], 1, ReplicateUnits.Nested)).Should().Throw<ArgumentException>().WithMessage("*at least 2 replicates*");
    }

    [Test]
    public void The_hierarchical_bootstraps_spread_matches_its_two_level_variance()
    {
        // 40 replicates × 40 units: d = replicate effect + unit effect + noise. The resampled means are close to normal,
        // so the 95 % half-width is 1.96 times their standard deviation, worked out from the data:
        // nested, Var* = (S_R + mean of v_r / n) / R with S_R the (1/R) variance of the replicate means and v_r the (1/n)
        // variance inside replicate r; crossed (rows and columns drawn independently), Var* = S_R / R + S_U / n + S_E / (R·n)
        // with S_U the (1/n) variance of the unit means and S_E that of the residuals d − m_r − m_u + m.
        const int R = 40, N = 40;
        var random = new Random(7);
        var unitEffect = Enumerable.Range(0, N).Select(_ => 0.5 * Normal(random)).ToArray();
        var d = Enumerable.Range(0, R).Select(_ =>
        {
            var replicateEffect = 0.3 * Normal(random);
            return Enumerable.Range(0, N).Select(u => replicateEffect + unitEffect[u] + Normal(random)).ToArray();
        }).ToArray();
        var zeros = Enumerable.Range(0, R).Select(_ => new double[N]).ToArray();

        var rowMeans = d.Select(r => r.Average()).ToArray();
        var unitMeans = Enumerable.Range(0, N).Select(u => d.Average(r => r[u])).ToArray();
        var m = rowMeans.Average();
        var sR = rowMeans.Average(x => (x - m) * (x - m));
        var sU = unitMeans.Average(x => (x - m) * (x - m));
        var within = Enumerable.Range(0, R).Average(r => d[r].Average(x => (x - rowMeans[r]) * (x - rowMeans[r])));
        var sE = Enumerable.Range(0, R).SelectMany(r => Enumerable.Range(0, N).Select(u => d[r][u] - rowMeans[r] - unitMeans[u] + m)).Average(x => x * x);

        var nested = HierarchicalBootstrap.MeanDifference(d, zeros, seed: 1, ReplicateUnits.Nested);
        nested.MeanDifference.Should().BeApproximately(m, 1e-12);
        nested.HalfWidth.Should().BeApproximately(1.96 * Math.Sqrt((sR + (within / N)) / R), 0.05 * nested.HalfWidth);

        var crossed = HierarchicalBootstrap.MeanDifference(d, zeros, seed: 1, ReplicateUnits.Crossed);
        crossed.HalfWidth.Should().BeApproximately(1.96 * Math.Sqrt((sR / R) + (sU / N) + (sE / (R * N))), 0.05 * crossed.HalfWidth);
    }

    [Test]
    public void Coverage_of_the_hierarchical_bootstrap_by_simulation()
    {
        // 2,000 simulated experiments with true difference 0.3: R = 8 replicates (each its own pretraining, effect
        // N(0, σ_R²)) of n = 5 units (noise N(0, 1)), each replicate with its own units. 300 resamples per interval.
        // Balanced (σ_R² = 1/n: both sources give the mean the same variance): the hierarchical interval covers 95 %
        // within ±0.025 (5 standard errors); the one-level bootstrap over the 40 pairs leaves the replicate variance out.
        var balanced = Coverage(replicateSd: Math.Sqrt(1.0 / 5), seed: 1);
        balanced.Hierarchical.Should().BeApproximately(0.95, 0.025);
        balanced.OneLevel.Should().BeLessThan(0.90);

        // Replicate variance dominating (σ_R² = 16/n): the one-level bootstrap collapses; the hierarchical one keeps most
        // of its coverage but, like any percentile bootstrap of 8 replicate means, falls short of 95 %, where the
        // t-interval over replicates (df 7) is exact.
        var dominated = Coverage(replicateSd: Math.Sqrt(16.0 / 5), seed: 2);
        dominated.OneLevel.Should().BeLessThan(0.70);
        dominated.Hierarchical.Should().BeInRange(0.87, 0.95);
        dominated.T.Should().BeApproximately(0.95, 0.025);
        TestContext.Out.WriteLine($"balanced: {balanced}; dominated: {dominated}");
    }

    private static (double Hierarchical, double OneLevel, double T) Coverage(double replicateSd, int seed)
    {
        const int Experiments = 2000, R = 8, N = 5, Resamples = 300;
        const double Truth = 0.3;
        var random = new Random(seed);
        var a = Enumerable.Range(0, R).Select(_ => new double[N]).ToArray();
        var b = Enumerable.Range(0, R).Select(_ => new double[N]).ToArray();
        var flatA = new double[R * N];
        var flatB = new double[R * N];
        int hierarchical = 0, oneLevel = 0, t = 0;
        for (var e = 0; e < Experiments; e++)
        {
            for (var r = 0; r < R; r++)
            {
                var effect = replicateSd * Normal(random);
                for (var u = 0; u < N; u++)
                {
                    a[r][u] = flatA[(r * N) + u] = Truth + effect + Normal(random);
                }
            }

            var h = HierarchicalBootstrap.MeanDifference(a, b, e, ReplicateUnits.Nested, resamples: Resamples);
            var o = PairedBootstrap.MeanDifference(flatA, flatB, e, resamples: Resamples);
            var ti = TInterval.OfReplicateDifference(a, b);
            hierarchical += h.Low <= Truth && Truth <= h.High ? 1 : 0;
            oneLevel += o.Low <= Truth && Truth <= o.High ? 1 : 0;
            t += ti.Low <= Truth && Truth <= ti.High ? 1 : 0;
        }

        return ((double)hierarchical / Experiments, (double)oneLevel / Experiments, (double)t / Experiments);
    }

    private static bool[] StepDown(double[] p, double alpha)
    {
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var rejected = new bool[p.Length];
        for (var j = 0; j < order.Length; j++)
        {
            if (p[order[j]] > alpha / (p.Length - j))
            {
                break;
            }

            rejected[order[j]] = true;
        }

        return rejected;
    }

    private static double Normal(Random random)
    {
        // Box–Muller.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

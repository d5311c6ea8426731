using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Tests;

public class BootstrapTests
{
    [Test]
    public void Constant_differences_give_a_point_interval()
    {
        var result = PairedBootstrap.MeanDifference([0.7, 0.6, 0.9, 0.5], [0.6, 0.5, 0.8, 0.4], seed: 1);

        result.MeanDifference.Should().BeApproximately(0.1, 1e-12);
        result.Low.Should().BeApproximately(0.1, 1e-12);
        result.High.Should().BeApproximately(0.1, 1e-12);
        result.ExcludesZero.Should().BeTrue();
    }

    [Test]
    public void Identical_arms_give_zero_and_no_claim()
    {
        double[] values = [0.1, 0.5, 0.9];
        var result = PairedBootstrap.MeanDifference(values, values, seed: 1);

        (result.Low, result.High, result.MeanDifference).Should().Be((0.0, 0.0, 0.0));
        result.ExcludesZero.Should().BeFalse();
    }

    [Test]
    public void Three_pairs_match_the_enumerated_bootstrap_distribution()
    {
        // Differences (0, 0, 3): a resample's mean is the number k of picks of the third pair, k ~ Binomial(3, 1/3).
        // P(k = 0) = 8/27 > 2.5 % and P(k = 3) = 1/27 > 2.5 %, so the exact 95 % percentile interval is [0, 3].
        var result = PairedBootstrap.MeanDifference([1, 2, 5], [1, 2, 2], seed: 7);

        result.MeanDifference.Should().Be(1);
        result.Low.Should().Be(0);
        result.High.Should().Be(3);
        result.ExcludesZero.Should().BeFalse();
    }

    [Test]
    public void Interval_of_a_large_balanced_sample_matches_normal_theory()
    {
        // 400 differences, half +1 and half −1: mean 0, standard error 1/√400 = 0.05, normal 95 % interval ±1.96 · 0.05 = ±0.098.
        var a = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToArray();
        var b = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 0.0 : 1.0).ToArray();
        var result = PairedBootstrap.MeanDifference(a, b, seed: 3);

        result.MeanDifference.Should().Be(0);
        result.Low.Should().BeApproximately(-0.098, 0.01);
        result.High.Should().BeApproximately(0.098, 0.01);
        result.HalfWidth.Should().BeApproximately(0.098, 0.01);
    }

    [Test]
    public void Same_seed_same_interval_and_bad_input_is_named()
    {
        double[] a = [0.2, 0.9, 0.4, 0.8, 0.3];
        double[] b = [0.1, 0.5, 0.6, 0.2, 0.3];
        PairedBootstrap.MeanDifference(a, b, 5).Should().Be(PairedBootstrap.MeanDifference(a, b, 5));

        FluentActions.Invoking(() => PairedBootstrap.MeanDifference([1, 2], [1], 0)).Should().Throw<ArgumentException>().WithMessage("*equal lengths (2 vs 1)*");
        FluentActions.Invoking(() => PairedBootstrap.MeanDifference([1], [1], 0)).Should().Throw<ArgumentException>().WithMessage("*at least 2 pairs*");
        FluentActions.Invoking(() => PairedBootstrap.MeanDifference([1, double.NaN], [1, 2], 0)).Should().Throw<ArgumentException>().WithMessage("*Pair 1*");
    }
}

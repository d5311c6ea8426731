using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Tests;

public class StatisticsTests
{
    // Two-sided critical values from the standard Student-t table (rounded to 3 decimals).
    [TestCase(0.05, 1, 12.706)]
    [TestCase(0.05, 2, 4.303)]
    [TestCase(0.05, 5, 2.571)]
    [TestCase(0.05, 10, 2.228)]
    [TestCase(0.05, 20, 2.086)]
    [TestCase(0.05, 30, 2.042)]
    [TestCase(0.01, 5, 4.032)]
    [TestCase(0.01, 10, 3.169)]
    [TestCase(0.10, 10, 1.812)]
    [TestCase(0.10, 27, 1.703)]
    public void Critical_values_match_the_t_table(double alpha, int df, double table)
    {
        PairedTTest.CriticalValue(alpha, df).Should().BeApproximately(table, 5.1e-4);
        PairedTTest.TwoSidedPValue(table, df).Should().BeApproximately(alpha, alpha * 2e-3);
    }

    [Test]
    public void Two_degrees_of_freedom_match_the_closed_form()
    {
        // For ν = 2, F(t) = ½ + t / (2√(2 + t²)), so p = 1 − |t| / √(2 + t²).
        foreach (var t in new[] { 0.3, 1.0, 2.5, 3.4641016151377544, 10.0 })
        {
            PairedTTest.TwoSidedPValue(t, 2).Should().BeApproximately(1 - (t / Math.Sqrt(2 + (t * t))), 1e-12);
        }
    }

    [Test]
    public void Hand_worked_paired_example()
    {
        // d = (1, 2, 3): mean 2, sd 1, t = 2 / (1/√3) = 2√3, df 2, p = 1 − 2√3/√14 = 0.0741799.
        var result = PairedTTest.Compute([1.5, 3.0, 4.5], [0.5, 1.0, 1.5]);
        result.Count.Should().Be(3);
        result.MeanDifference.Should().BeApproximately(2, 1e-12);
        result.StdDifference.Should().BeApproximately(1, 1e-12);
        result.T.Should().BeApproximately(2 * Math.Sqrt(3), 1e-12);
        result.DegreesOfFreedom.Should().Be(2);
        result.PValue.Should().BeApproximately(1 - (2 * Math.Sqrt(3) / Math.Sqrt(14)), 1e-10);
        result.PValue.Should().BeApproximately(0.0741799, 1e-7);
    }

    [Test]
    public void Students_sleep_data()
    {
        // Cushny & Peebles via Student (1908); R: t.test(extra ~ group, data = sleep, paired = TRUE) → t = −4.0621, df = 9, p = 0.002833.
        double[] drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        double[] drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        var result = PairedTTest.Compute(drug1, drug2);
        result.MeanDifference.Should().BeApproximately(-1.58, 1e-12);
        result.T.Should().BeApproximately(-4.0621, 5e-5);
        result.DegreesOfFreedom.Should().Be(9);
        result.PValue.Should().BeApproximately(0.002833, 5e-7);
    }

    [Test]
    public void Degenerate_differences_follow_scipy()
    {
        var shifted = PairedTTest.Compute([2, 3, 4], [1, 2, 3]);
        shifted.T.Should().Be(double.PositiveInfinity);
        shifted.PValue.Should().Be(0);

        var equal = PairedTTest.Compute([1, 2], [1, 2]);
        double.IsNaN(equal.PValue).Should().BeTrue();
    }

    [Test]
    public void Bad_inputs_are_refused()
    {
        FluentActions.Invoking(() => PairedTTest.Compute([1.0], [2.0])).Should().Throw<ArgumentException>().WithMessage("*at least 2 pairs*");
        FluentActions.Invoking(() => PairedTTest.Compute([1.0, 2], [2.0])).Should().Throw<ArgumentException>().WithMessage("*equal lengths*");
        FluentActions.Invoking(() => PairedTTest.Compute([1.0, double.NaN], [2.0, 1])).Should().Throw<ArgumentException>().WithMessage("Pair 1*");
    }

    [Test]
    public void Sample_standard_deviation_uses_n_minus_one()
    {
        Descriptive.SampleStandardDeviation([2.0, 4, 4, 4, 5, 5, 7, 9]).Should().BeApproximately(Math.Sqrt(32.0 / 7), 1e-12);
        Descriptive.SampleStandardDeviation([3.0]).Should().Be(0);
    }
}

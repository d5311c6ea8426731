using MathNet.Numerics.Distributions;

namespace GeneMask.Evaluation.Statistics;

/// <summary>
/// The paired (dependent-samples) t-test the paper uses across tasks (Table 3), equal to SciPy's <c>ttest_rel</c> and
/// R's <c>t.test(paired = TRUE)</c>. The Student-t distribution comes from MathNet.Numerics.
/// </summary>
public static class PairedTTest
{
    /// <summary>Tests whether the mean of <paramref name="a"/> − <paramref name="b"/> differs from 0 (two-sided).</summary>
    /// <remarks>
    /// When every difference is equal the statistic is degenerate, as in SciPy: t = ±∞ and p = 0 for a non-zero
    /// difference; t and p are NaN when all differences are 0.
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than 2 pairs, lengths differ, or a value is not finite.</exception>
    public static PairedTTestResult Compute(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples must have equal lengths ({a.Count} vs {b.Count}).", nameof(b));
        }

        if (a.Count < 2)
        {
            throw new ArgumentException($"A paired t-test needs at least 2 pairs, got {a.Count}.", nameof(a));
        }

        var differences = new double[a.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
            {
                throw new ArgumentException($"Pair {i} is not finite ({a[i]}, {b[i]}).", nameof(a));
            }

            differences[i] = a[i] - b[i];
        }

        return FromDifferences(differences);
    }

    /// <summary>The one-sample t-test of mean = 0 on finite <paramref name="differences"/> (at least 2).</summary>
    internal static PairedTTestResult FromDifferences(double[] differences)
    {
        var n = differences.Length;
        var mean = Descriptive.Mean(differences);
        var std = Descriptive.SampleStandardDeviation(differences);
        var degreesOfFreedom = n - 1;
        double t, p;
        if (std == 0)
        {
            t = mean == 0 ? double.NaN : mean > 0 ? double.PositiveInfinity : double.NegativeInfinity;
            p = mean == 0 ? double.NaN : 0;
        }
        else
        {
            t = mean / (std / Math.Sqrt(n));
            p = TwoSidedPValue(t, degreesOfFreedom);
        }

        return new PairedTTestResult(n, mean, std, t, degreesOfFreedom, p);
    }

    /// <summary>Two-sided p-value of a t statistic with <paramref name="degreesOfFreedom"/> degrees of freedom: 2·(1 − F(|t|)).</summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);

        // The lower tail at −|t| avoids the cancellation of 1 − F(|t|) for large t.
        return Math.Min(1, 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)));
    }

    /// <summary>The two-sided critical value: the t with P(|T| ≥ t) = <paramref name="alpha"/>.</summary>
    public static double CriticalValue(double alpha, double degreesOfFreedom)
    {
        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (alpha / 2));
    }
}

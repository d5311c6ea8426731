namespace GeneMask.Evaluation.Statistics;

/// <summary>
/// A Student-t confidence interval for a mean — of values, of paired differences, or of per-replicate mean differences —
/// mean ± t<sub>(1+c)/2, n−1</sub> · s / √n, with the two-sided p-value of mean = 0 (the paired t-test's).
/// </summary>
/// <remarks>
/// Exact for normal values, and close for the means of many test rows; unlike the percentile bootstrap it does not
/// shrink with few values (over 10 seeds the percentile bootstrap covers about 90 %, not 95 %: P(|t₉| &lt; 1.96·√0.9)).
/// When every value is equal the interval is that value, and t and p follow <see cref="PairedTTest"/> (p = 0 for a
/// non-zero mean, NaN for 0).
/// </remarks>
/// <param name="Count">Number of values (pairs, or replicates).</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardError">s / √n, with the sample standard deviation s.</param>
/// <param name="DegreesOfFreedom">n − 1.</param>
/// <param name="Low">Lower end.</param>
/// <param name="High">Upper end.</param>
/// <param name="Confidence">Coverage (0.95 for a 95 % interval).</param>
/// <param name="PValue">Two-sided p-value of mean = 0.</param>
public sealed record TInterval(int Count, double Mean, double StandardError, int DegreesOfFreedom, double Low, double High, double Confidence, double PValue)
{
    /// <summary>Whether the interval excludes 0.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>Half the interval's width.</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>The interval of the mean of <paramref name="values"/> (e.g. an arm's accuracy over few-shot seeds).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 values, or a value is not finite.</exception>
    public static TInterval OfMean(IReadOnlyList<double> values, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        PairedBootstrap.ThrowIfNotConfidence(confidence);
        if (values.Count < 2)
        {
            throw new ArgumentException($"A t-interval needs at least 2 values, got {values.Count}.", nameof(values));
        }

        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = double.IsFinite(values[i]) ? values[i] : throw new ArgumentException($"Value {i} is not finite ({values[i]}).", nameof(values));
        }

        return From(PairedTTest.FromDifferences(copy), confidence);
    }

    /// <summary>The interval of the mean of <paramref name="a"/> − <paramref name="b"/>, paired by position (e.g. two arms over the same seeds).</summary>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 pairs, or a value is not finite.</exception>
    public static TInterval OfPairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidence = 0.95)
    {
        PairedBootstrap.ThrowIfNotConfidence(confidence);
        return From(PairedTTest.Compute(a, b), confidence);
    }

    /// <summary>
    /// The interval over replicates: the paired difference <paramref name="a"/> − <paramref name="b"/> is averaged
    /// within each replicate, and the R replicate means give the interval (df R − 1). It covers the variance between
    /// replicates (each its own pretraining) and, when each replicate has its own units, the units' variance too; units
    /// shared by every replicate (one fixed test set) add a variance it does not see (see <see cref="HierarchicalBootstrap"/>).
    /// </summary>
    /// <param name="a">Per replicate, the arm's value for each unit (test row or few-shot seed).</param>
    /// <param name="b">Per replicate, the reference's values for the same units.</param>
    /// <param name="confidence">Coverage, in (0, 1). Default 0.95.</param>
    /// <exception cref="ArgumentException">Fewer than 2 replicates, a replicate without units, shapes that differ, or a value that is not finite.</exception>
    public static TInterval OfReplicateDifference(IReadOnlyList<IReadOnlyList<double>> a, IReadOnlyList<IReadOnlyList<double>> b, double confidence = 0.95)
    {
        PairedBootstrap.ThrowIfNotConfidence(confidence);
        return From(PairedTTest.FromDifferences(ReplicatedDifferences.Create(a, b).Means()), confidence);
    }

    private static TInterval From(PairedTTestResult test, double confidence)
    {
        var standardError = test.StdDifference / Math.Sqrt(test.Count);
        var half = standardError == 0 ? 0 : PairedTTest.CriticalValue(1 - confidence, test.DegreesOfFreedom) * standardError;
        return new TInterval(test.Count, test.MeanDifference, standardError, test.DegreesOfFreedom, test.MeanDifference - half, test.MeanDifference + half, confidence, test.PValue);
    }
}

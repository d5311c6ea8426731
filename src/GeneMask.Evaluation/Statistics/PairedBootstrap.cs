using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.Statistics;

/// <summary>
/// The paired percentile bootstrap: resample the pairs (i.e. the test examples, or the seeds) with replacement, take the
/// mean of a − b in every resample, and report the (1 − c)/2 and (1 + c)/2 quantiles of those means. Pairing keeps what
/// both arms share (the same examples, the same seeds) out of the interval. Deterministic for a given seed.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>Default number of resamples.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>The interval of the mean of <paramref name="a"/> − <paramref name="b"/>.</summary>
    /// <param name="a">The first arm's values, one per pair.</param>
    /// <param name="b">The second arm's values, in the same order.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="confidence">Coverage, in (0, 1). Default 0.95.</param>
    /// <param name="resamples">Resamples, at least 100. Default <see cref="DefaultResamples"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 pairs, or a value is not finite.</exception>
    public static BootstrapInterval MeanDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, int seed, double confidence = 0.95, int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples must have equal lengths ({a.Count} vs {b.Count}).", nameof(b));
        }

        if (a.Count < 2)
        {
            throw new ArgumentException($"A paired bootstrap needs at least 2 pairs, got {a.Count}.", nameof(a));
        }

        ThrowIfNotConfidence(confidence);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        var n = a.Count;
        var differences = new double[n];
        double observed = 0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
            {
                throw new ArgumentException($"Pair {i} is not finite ({a[i]}, {b[i]}).", nameof(a));
            }

            differences[i] = a[i] - b[i];
            observed += differences[i];
        }

        observed /= n;
        var means = new double[resamples];
        var random = new SeededRandom(unchecked((ulong)seed));
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += differences[random.NextInt(n)];
            }

            means[r] = sum / n;
        }

        Array.Sort(means);
        var alpha = (1 - confidence) / 2;
        return new BootstrapInterval(n, observed, Quantile(means, alpha), Quantile(means, 1 - alpha), confidence, resamples);
    }

    /// <summary>Refuses a confidence outside (0, 1).</summary>
    internal static void ThrowIfNotConfidence(double confidence)
    {
        if (confidence is <= 0 or >= 1 || double.IsNaN(confidence))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must be in (0, 1).");
        }
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics (R's type 7).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}

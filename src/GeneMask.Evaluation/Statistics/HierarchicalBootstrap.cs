using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.Statistics;

/// <summary>
/// The two-level paired bootstrap for replicated experiments: resample the replicates (each its own pretraining) with
/// replacement, then the units (test rows or few-shot seeds) of each drawn replicate, and take the mean over
/// replicates of the mean difference a − b; the interval is the percentile interval of those means. Both sources of
/// variance are in it; the one-level bootstrap over all pairs (<see cref="PairedBootstrap"/>) leaves out the
/// variance between replicates.
/// </summary>
/// <remarks>
/// Measured coverage of the 95 % interval (2,000 simulated experiments of 30 units per replicate, normal effects, 1,000
/// resamples): with few replicates and a replicate variance that dominates it under-covers like any percentile
/// bootstrap of R values (0.87 at R = 5, 0.91 at R = 10), where <see cref="TInterval.OfReplicateDifference"/> is exact;
/// when unit variance dominates, resampling both levels counts it twice and over-covers (0.98). When every replicate
/// scores the same units and the units carry effects of their own, <see cref="ReplicateUnits.Nested"/> (0.87) and the
/// t-interval over replicates (0.78) under-cover at R = 10, and <see cref="ReplicateUnits.Crossed"/> covers (0.98).
/// Deterministic for a seed; allocates only the flattened differences and the resampled means.
/// </remarks>
public static class HierarchicalBootstrap
{
    /// <summary>The interval of the mean over replicates of the mean paired difference a − b.</summary>
    /// <param name="a">Per replicate, the arm's value for each unit.</param>
    /// <param name="b">Per replicate, the reference's values for the same units.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="units">Whether each replicate has its own units or all share them (then every replicate must have the same number).</param>
    /// <param name="confidence">Coverage, in (0, 1). Default 0.95.</param>
    /// <param name="resamples">Resamples, at least 100. Default <see cref="PairedBootstrap.DefaultResamples"/>.</param>
    /// <returns>The interval; its <see cref="BootstrapInterval.Count"/> is the number of replicates.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 replicates, a replicate without units, shapes that differ, or a value that is not finite.</exception>
    public static BootstrapInterval MeanDifference(IReadOnlyList<IReadOnlyList<double>> a, IReadOnlyList<IReadOnlyList<double>> b, int seed, ReplicateUnits units, double confidence = 0.95, int resamples = PairedBootstrap.DefaultResamples)
    {
        PairedBootstrap.ThrowIfNotConfidence(confidence);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        if (!Enum.IsDefined(units))
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "Nested or Crossed.");
        }

        var data = ReplicatedDifferences.Create(a, b);
        var differences = data.Values;
        var offsets = data.Offsets;
        var replicates = data.Replicates;
        var shared = offsets[1];
        if (units == ReplicateUnits.Crossed)
        {
            for (var r = 1; r < replicates; r++)
            {
                if (offsets[r + 1] - offsets[r] != shared)
                {
                    throw new ArgumentException($"Crossed units: replicate {r} has {offsets[r + 1] - offsets[r]} units, replicate 0 has {shared}; every replicate must score the same units.", nameof(a));
                }
            }
        }

        var observed = Descriptive.Mean(data.Means());
        var means = new double[resamples];
        var unitDraw = units == ReplicateUnits.Crossed ? new int[shared] : [];
        var random = new SeededRandom(unchecked((ulong)seed));
        for (var s = 0; s < resamples; s++)
        {
            for (var j = 0; j < unitDraw.Length; j++)
            {
                unitDraw[j] = random.NextInt(shared);
            }

            double total = 0;
            for (var i = 0; i < replicates; i++)
            {
                var r = random.NextInt(replicates);
                var start = offsets[r];
                var count = offsets[r + 1] - start;
                double sum = 0;
                if (units == ReplicateUnits.Nested)
                {
                    for (var j = 0; j < count; j++)
                    {
                        sum += differences[start + random.NextInt(count)];
                    }
                }
                else
                {
                    foreach (var u in unitDraw)
                    {
                        sum += differences[start + u];
                    }
                }

                total += sum / count;
            }

            means[s] = total / replicates;
        }

        Array.Sort(means);
        var alpha = (1 - confidence) / 2;
        return new BootstrapInterval(replicates, observed, PairedBootstrap.Quantile(means, alpha), PairedBootstrap.Quantile(means, 1 - alpha), confidence, resamples);
    }
}

using System.Globalization;
using System.IO.Hashing;
using System.Text;
using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Statistics;
using GeneMask.Masking;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// The comparison's statistics, fixed before the run: the learning gate, a paired bootstrap interval and t-test for
/// every arm against <c>kmer-span</c> and against <c>none</c>, the Student-t interval of M3 over seeds, and the
/// paper's effects beside this run's resolution.
/// </summary>
internal static class ComparisonStatistics
{
    /// <summary>
    /// The learning gate: the k-mer-span arm's validation loss on k-mer-span masks must be at least
    /// <paramref name="margin"/> nats below the context-free loss on the same masks.
    /// </summary>
    public static GateResult Gate(double loss, double contextFreeLoss, double margin)
    {
        var gap = contextFreeLoss - loss;
        var passed = double.IsFinite(gap) && gap >= margin;
        var inv = CultureInfo.InvariantCulture;
        return new GateResult
        {
            Passed = passed,
            Arm = KmerSpanMasking.StrategyName,
            Loss = loss,
            ContextFreeLoss = contextFreeLoss,
            Gap = gap,
            Margin = margin,
            Message = passed
                ? string.Create(inv, $"PASSED: the kmer-span arm ends {gap:F3} nats below the context-free loss on its own masking ({loss:F3} vs {contextFreeLoss:F3}; at least {margin:F2} required), so the models learned from context.")
                : string.Create(inv, $"FAILED: the kmer-span arm ends only {gap:F3} nats below the context-free loss on its own masking ({loss:F3} vs {contextFreeLoss:F3}; at least {margin:F2} required). The models did not learn enough for the comparison to mean anything: no difference is claimed."),
        };
    }

    /// <summary>The gate of a run without the k-mer-span arm: failed, so that nothing is claimed.</summary>
    public static GateResult NoGate(double contextFreeLoss, double margin) => new()
    {
        Passed = false,
        Arm = KmerSpanMasking.StrategyName,
        Loss = double.NaN,
        ContextFreeLoss = contextFreeLoss,
        Gap = double.NaN,
        Margin = margin,
        Message = "FAILED: the kmer-span arm was not run, so there is no gate and no reference; this run's arms are computed and kept, and no difference is claimed.",
    };

    /// <summary>
    /// The bootstrap seed of one comparison, from the run's seed and the comparison's names: an interval does not
    /// depend on which other arms ran (the default run and <c>--arms all</c> agree on the arms they share).
    /// </summary>
    public static int BootstrapSeed(long runSeed, ComparisonArm arm, ComparisonArm reference, string metric, string task) =>
        unchecked((int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{runSeed}|{arm.Name}|{reference.Name}|{metric}|{task}")));

    /// <summary>A paired comparison: bootstrap interval and t-test of <paramref name="a"/> − <paramref name="b"/>.</summary>
    public static ArmComparison Compare(ComparisonArm arm, ComparisonArm reference, string metric, string task, string pairedOver, double[] a, double[] b, int seed, int resamples, bool gatePassed)
    {
        var interval = PairedBootstrap.MeanDifference(a, b, seed, 0.95, resamples);
        var test = PairedTTest.Compute(a, b);
        return new ArmComparison
        {
            Arm = arm.Name,
            Reference = reference.Name,
            Metric = metric,
            Task = task,
            PairedOver = pairedOver,
            Pairs = a.Length,
            Difference = interval.MeanDifference,
            Ci95 = [interval.Low, interval.High],
            P = test.PValue,
            Claimed = gatePassed && interval.ExcludesZero,
        };
    }

    /// <summary>The mean of per-seed values with its 95 % Student-t interval.</summary>
    public static MeanInterval MeanWithInterval(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = Descriptive.Mean([.. values]);
        if (values.Count < 2)
        {
            return new MeanInterval(mean, [mean, mean]);
        }

        var half = PairedTTest.CriticalValue(0.05, values.Count - 1) * Descriptive.SampleStandardDeviation([.. values]) / Math.Sqrt(values.Count);
        return new MeanInterval(mean, [mean - half, mean + half]);
    }

    /// <summary>
    /// The paper's few-shot effects (Table 4, DNABert pretrained 10K steps: each PMI strategy minus DNABERT's random
    /// spans, from <see cref="PublishedResults.Table4"/>) beside the half-widths of this run's intervals for the same contrasts.
    /// </summary>
    public static List<ResolutionRow> Resolution(IReadOnlyList<ArmComparison> comparisons)
    {
        var kmerSpan = KmerSpanMasking.StrategyName;
        var published = PublishedResults.Table4.ToDictionary(r => r.Model, r => r.OverallAccuracy, StringComparer.Ordinal);
        var reference = published[PaperModel(MaskingCatalog.Get(kmerSpan))];
        return [.. MaskingCatalog.All
            .Where(e => e.PaperName.Length > 0 && published.ContainsKey(PaperModel(e)))
            .OrderBy(e => PublishedResults.Table4.ToList().FindIndex(r => r.Model == PaperModel(e)))
            .Select(e =>
            {
                var m3 = comparisons.FirstOrDefault(c => c.Arm == e.Name && c.Reference == kmerSpan && c.Metric == "M3");
                var m2 = comparisons.FirstOrDefault(c => c.Arm == e.Name && c.Reference == kmerSpan && c.Metric == "M2" && c.Task == MaskingComparison.PromCore);
                return new ResolutionRow($"{e.Name} − {kmerSpan}", Math.Round(published[PaperModel(e)] - reference, 3), m3 is null ? null : (m3.Ci95[1] - m3.Ci95[0]) / 2, m2 is null ? null : (m2.Ci95[1] - m2.Ci95[0]) / 2);
            })];
    }

    // The paper's name of a DNABert model pretrained 10K steps with the entry's masking ("DNABert 10K" for random spans).
    private static string PaperModel(MaskingCatalogEntry entry) => entry.PaperName.Length == 0 ? "DNABert 10K" : $"DNABert {entry.PaperName} 10K";
}

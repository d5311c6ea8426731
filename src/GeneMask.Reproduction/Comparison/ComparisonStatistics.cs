using System.Globalization;
using System.IO.Hashing;
using System.Text;
using GeneMask.Evaluation.Reports;
using GeneMask.Evaluation.Statistics;
using GeneMask.Masking;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// The comparison's statistics, fixed before the run: the context gate, the intervals and t-tests of every arm against
/// <c>kmer-span</c> and against <c>none</c> (over replicates when there are several), Holm's correction over the
/// primary family, the Student-t interval of M3, and the paper's effects beside this run's resolution.
/// </summary>
internal static class ComparisonStatistics
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The context gate of one model on M1's fixed k-mer-span masks (<paramref name="replicate"/> null: the arm's only replicate).</summary>
    /// <param name="arm">The arm.</param>
    /// <param name="replicate">The replicate, or null when the run has one.</param>
    /// <param name="maskTokenLoss">The model's loss on the <c>[MASK]</c>-input positions of M1's k-mer-span masks.</param>
    /// <param name="loss">The model's loss on all predicted positions of those masks.</param>
    /// <param name="reference">The context-free and copy losses on the same masks.</param>
    /// <param name="margin">The required gap.</param>
    public static GateResult Gate(string arm, int? replicate, double maskTokenLoss, double loss, GateReference reference, double margin) =>
        Gate(arm, replicate, reference.Masking, maskTokenLoss, loss, reference.ContextFreeMaskLoss, reference.CopyBaselineLoss, margin);

    /// <summary>The context gate of one model on the <c>[MASK]</c>-input positions of one of M1's fixed maskings.</summary>
    /// <param name="arm">The arm.</param>
    /// <param name="replicate">The replicate, or null when the run has one.</param>
    /// <param name="masking">The fixed masking scored.</param>
    /// <param name="maskTokenLoss">The model's loss on that masking's <c>[MASK]</c>-input positions.</param>
    /// <param name="loss">The model's loss on all its predicted positions.</param>
    /// <param name="contextFreeMaskLoss">The context-free loss on the same <c>[MASK]</c>-input positions.</param>
    /// <param name="copyBaselineLoss">The copy-aware baseline on all its predicted positions.</param>
    /// <param name="margin">The required gap.</param>
    public static GateResult Gate(string arm, int? replicate, string masking, double maskTokenLoss, double loss, double contextFreeMaskLoss, double copyBaselineLoss, double margin)
    {
        var gate = ContextGate.Evaluate(maskTokenLoss, contextFreeMaskLoss, copyBaselineLoss, margin);
        var who = replicate is { } r ? string.Create(Inv, $"{arm} (replicate {r})") : arm;
        var where = $"on the positions whose input is [MASK] ({masking} masks)";
        var losses = string.Create(Inv, $"{maskTokenLoss:F3} vs {contextFreeMaskLoss:F3}; at least {margin:F2} required; on all predicted positions {loss:F3} vs the copy baseline's {copyBaselineLoss:F3}");
        var message = gate.Passed
            ? string.Create(Inv, $"{who}: PASSED: {where}, its loss is {gate.Gap:F3} nats below the context-free loss ({losses}): it predicts masked k-mers from their context.")
            : double.IsFinite(gate.Gap)
                ? string.Create(Inv, $"{who}: FAILED: {where}, its loss is {(Math.Round(gate.Gap, 3) >= 0 ? string.Create(Inv, $"only {Math.Max(0, gate.Gap):F3} nats below") : string.Create(Inv, $"{-gate.Gap:F3} nats above"))} the context-free loss ({losses}): these masks show no use of context.")
                : $"{who}: FAILED: its loss {where} could not be measured ({losses}): nothing says it learned from context.";
        return new GateResult
        {
            Passed = gate.Passed,
            Arm = arm,
            Masking = masking,
            Replicate = replicate,
            ModelLoss = maskTokenLoss,
            ContextFreeLoss = contextFreeMaskLoss,
            CopyBaselineLoss = copyBaselineLoss,
            Loss = loss,
            Gap = gate.Gap,
            Margin = margin,
            Message = message,
        };
    }

    /// <summary>
    /// An arm's context check, from its gates over the replicates on each of M1's fixed maskings
    /// (<see cref="ArmGate"/>): it learned from context when it passed on at least one masking in every replicate. The
    /// check reported is the passed gate with the largest gap, or, when none passed, the gate with the largest gap.
    /// </summary>
    public static GateResult ContextCheck(ComparisonArm arm, IReadOnlyList<GateResult> perMasking)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(perMasking);
        var best = perMasking.OrderByDescending(g => g.Passed).ThenByDescending(g => double.IsNaN(g.Gap) ? double.NegativeInfinity : g.Gap).First();
        if (arm == ComparisonArm.None)
        {
            return best;
        }

        var gaps = string.Join(", ", perMasking.Select(g => string.Create(Inv, $"{g.Masking} {g.Gap:F3}")));
        var message = best.Passed
            ? string.Create(Inv, $"{arm.Name} learned from context: on the [MASK]-input positions of fixed {best.Masking} masks its loss is {best.Gap:F3} nats below the context-free loss (at least {best.Margin:F2} in every replicate; gaps by masking: {gaps}).")
            : string.Create(Inv, $"{arm.Name} did not learn from context: on no fixed masking is its loss on [MASK]-input positions at least {best.Margin:F2} nats below the context-free loss in every replicate (gaps by masking: {gaps}).");
        return best with { Message = message };
    }

    /// <summary>
    /// An arm's gate over its replicates: passed when every replicate passed; the losses are means over replicates. The
    /// control is not pretrained: its gate fails with a message saying it does not apply.
    /// </summary>
    public static GateResult ArmGate(ComparisonArm arm, IReadOnlyList<GateResult> replicates)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(replicates);
        var first = replicates[0];
        var mean = replicates.Average(g => g.ModelLoss);
        var passed = replicates.Count(g => g.Passed);
        var gate = first with
        {
            Passed = passed == replicates.Count,
            Replicate = null,
            ModelLoss = mean,
            Loss = replicates.Average(g => g.Loss),
            Gap = first.ContextFreeLoss - mean,
        };
        var message = arm == ComparisonArm.None
            ? string.Create(Inv, $"{arm.Name}: the control is not pretrained, so the gate does not apply to it (loss on [MASK]-input positions {mean:F3} vs the context-free {first.ContextFreeLoss:F3}).")
            : replicates.Count == 1 ? first.Message
            : gate.Passed
                ? string.Create(Inv, $"{arm.Name}: PASSED in all {replicates.Count} replicates: on the positions whose input is [MASK] ({first.Masking} masks), its loss is {gate.Gap:F3} nats below the context-free loss on average ({mean:F3} vs {first.ContextFreeLoss:F3}; at least {first.Margin:F2} required in every replicate): it predicts masked k-mers from their context.")
                : string.Create(Inv, $"{arm.Name}: FAILED in {replicates.Count - passed} of {replicates.Count} replicates (mean loss on the [MASK]-input positions of {first.Masking} masks {mean:F3} vs the context-free {first.ContextFreeLoss:F3}; at least {first.Margin:F2} required in every replicate): these masks do not show use of context in every replicate.");
        return gate with { Message = message };
    }

    /// <summary>The reference gate of a run without the k-mer-span arm: failed, with a message saying so.</summary>
    public static GateResult NoGate(GateReference reference, double margin) => new()
    {
        Passed = false,
        Arm = KmerSpanMasking.StrategyName,
        ModelLoss = double.NaN,
        ContextFreeLoss = reference.ContextFreeMaskLoss,
        CopyBaselineLoss = reference.CopyBaselineLoss,
        Loss = double.NaN,
        Gap = double.NaN,
        Margin = margin,
        Message = "FAILED: the kmer-span arm was not run, so there is no reference gate; each arm's own gate is reported with it.",
    };

    /// <summary>
    /// The bootstrap seed of one comparison, from the run's seed and the comparison's names: an interval does not
    /// depend on which other arms ran (the default run and <c>--arms all</c> agree on the arms they share).
    /// </summary>
    public static int BootstrapSeed(long runSeed, ComparisonArm arm, ComparisonArm reference, string metric, string task) =>
        unchecked((int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{runSeed}|{arm.Name}|{reference.Name}|{metric}|{task}")));

    /// <summary>
    /// A paired comparison of <paramref name="a"/> − <paramref name="b"/>, values per replicate and unit (every replicate
    /// scores the same units). With several replicates: the hierarchical bootstrap over replicates and the shared units
    /// (<see cref="ReplicateUnits.Crossed"/>) and the Student-t interval over the replicates' mean differences; with
    /// one: the paired bootstrap over the units (the Student-t interval over them when <paramref name="tOverUnits"/>,
    /// for few-shot seeds) and the paired t-test. The claim is decided by the caller, after the family's correction.
    /// </summary>
    public static ArmComparison Compare(ComparisonArm arm, ComparisonArm reference, string metric, string task, string units, IReadOnlyList<IReadOnlyList<double>> a, IReadOnlyList<IReadOnlyList<double>> b, int seed, int resamples, bool primary, bool tOverUnits)
    {
        double difference;
        double[] ci;
        TInterval t;
        string pairedOver;
        var count = a[0].Count;
        if (a.Count >= 2)
        {
            var interval = HierarchicalBootstrap.MeanDifference(a, b, seed, ReplicateUnits.Crossed, 0.95, resamples);
            t = TInterval.OfReplicateDifference(a, b);
            (difference, ci) = (interval.MeanDifference, [interval.Low, interval.High]);
            pairedOver = string.Create(Inv, $"{count} {units} × {a.Count} replicates");
        }
        else
        {
            t = TInterval.OfPairedDifference(a[0], b[0]);
            if (tOverUnits)
            {
                (difference, ci) = (t.Mean, [t.Low, t.High]);
            }
            else
            {
                var interval = PairedBootstrap.MeanDifference(a[0], b[0], seed, 0.95, resamples);
                (difference, ci) = (interval.MeanDifference, [interval.Low, interval.High]);
            }

            pairedOver = string.Create(Inv, $"{count} {units}");
        }

        return new ArmComparison
        {
            Arm = arm.Name,
            Reference = reference.Name,
            Metric = metric,
            Task = task,
            Primary = primary,
            PairedOver = pairedOver,
            Pairs = count,
            Difference = difference,
            Ci95 = ci,
            TCi95 = [t.Low, t.High],
            P = t.PValue,
        };
    }

    /// <summary>
    /// Holm's correction over the primary comparisons, and the claims: a primary comparison is claimed when the run
    /// has at least 2 replicates, both intervals exclude 0, its adjusted p-value is below 0.05 and <paramref name="learned"/>
    /// holds for both arms; an exploratory comparison never is.
    /// </summary>
    public static List<ArmComparison> Decide(IReadOnlyList<ArmComparison> comparisons, int replicates, Func<string, bool> learned)
    {
        var primary = comparisons.Where(c => c.Primary).ToList();
        var adjusted = Holm.AdjustedPValues([.. primary.Select(c => c.P)]);
        var holm = primary.Select((c, i) => (c, adjusted[i])).ToDictionary(x => x.c, x => x.Item2);
        return [.. comparisons.Select(c =>
        {
            if (!c.Primary)
            {
                return c with { PHolm = null, Claimed = false };
            }

            var p = holm[c];
            var claimed = replicates >= 2 && Excludes0(c.Ci95) && Excludes0(c.TCi95) && p < ClaimLevel && learned(c.Arm) && learned(c.Reference);
            return c with { PHolm = p, Claimed = claimed, DetectableEffect = replicates >= 2 ? DetectableEffect(c.TCi95, replicates - 1, primary.Count) : null };
        })];
    }

    /// <summary>
    /// The smallest difference a t-test on <paramref name="degreesOfFreedom"/> degrees of freedom claims with about 80 %
    /// power at level <see cref="ClaimLevel"/>/<paramref name="family"/> (Holm's strictest), from the standard error
    /// behind <paramref name="tInterval95"/>: (t<sub>1−α/(2m)</sub> + t<sub>0.8</sub>) · SE.
    /// </summary>
    public static double DetectableEffect(double[] tInterval95, int degreesOfFreedom, int family)
    {
        var standardError = (tInterval95[1] - tInterval95[0]) / 2 / PairedTTest.CriticalValue(0.05, degreesOfFreedom);
        return standardError * (PairedTTest.CriticalValue(ClaimLevel / family, degreesOfFreedom) + PairedTTest.CriticalValue(0.4, degreesOfFreedom));
    }

    /// <summary>The family-wise level of the primary claims.</summary>
    public const double ClaimLevel = 0.05;

    private static bool Excludes0(double[] interval) => interval[0] > 0 || interval[1] < 0;

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

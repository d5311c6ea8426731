using System.Text.Json;
using GeneMask.Masking;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction.Comparison;

/// <summary>Everything <see cref="MaskingComparison.Run"/> measured: <c>evidence.json</c>.</summary>
public sealed record ComparisonEvidence
{
    /// <summary>The configuration's name.</summary>
    public required string Preset { get; init; }

    /// <summary>Pretraining replicates, each its own initial weights, row order and masks (shared by every arm).</summary>
    public int Replicates { get; init; } = 1;

    /// <summary>When the run finished (UTC).</summary>
    public DateTimeOffset FinishedUtc { get; init; }

    /// <summary>The options' fingerprint (model, sizes, schedules, seeds).</summary>
    public required string Settings { get; init; }

    /// <summary>The arms, in report order.</summary>
    public required IReadOnlyList<ArmEvidence> Arms { get; init; }

    /// <summary>Context-free loss per M1 masking.</summary>
    public required IReadOnlyDictionary<string, double> ContextFreeLoss { get; init; }

    /// <summary>The context gate's yardsticks on M1's k-mer-span masks: context-free and copy baselines, and the neighbour oracle (the floor).</summary>
    public required GateReference GateReference { get; init; }

    /// <summary>Bag-of-6-mers logistic-regression accuracy per M2 task.</summary>
    public required IReadOnlyDictionary<string, double> KmerBaselineAccuracy { get; init; }

    /// <summary>Every paired comparison.</summary>
    public required IReadOnlyList<ArmComparison> Comparisons { get; init; }

    /// <summary>The rule under which a difference is claimed (fixed before running).</summary>
    public required string Rule { get; init; }

    /// <summary>CM-GEMS's switch step (null when not run or it did not switch).</summary>
    public long? CmGemsSwitchStep { get; init; }

    /// <summary>The reference arm's (<c>kmer-span</c>'s) context gate over its replicates; every arm carries its own.</summary>
    public required GateResult Gate { get; init; }

    /// <summary>The paper's effect sizes beside this run's resolution.</summary>
    public required IReadOnlyList<ResolutionRow> Resolution { get; init; }

    /// <summary>Wall time per stage in seconds (reused stages count what they took when they ran).</summary>
    public required IReadOnlyDictionary<string, double> WallTimes { get; init; }

    /// <summary>Wall time of this invocation in seconds.</summary>
    public double TotalSeconds { get; init; }

    /// <summary>
    /// Every invocation that ran in this output folder, oldest first, this one last: when, which arms, how long, its
    /// stage times and the load. A run that reuses finished pieces keeps the times of the invocations that computed them.
    /// </summary>
    public IReadOnlyList<ComparisonInvocation> Invocations { get; init; } = [];

    /// <summary>The machine.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>Row counts of the data used.</summary>
    public required IReadOnlyDictionary<string, int> DataSizes { get; init; }

    /// <summary>
    /// The evidence of the options' arms and replicates from their pieces: every model's context gate, every paired
    /// comparison with its intervals, Holm's correction over the primary family, the claims, and the paper's effects
    /// beside this run's resolution.
    /// </summary>
    internal static ComparisonEvidence Assemble(
        MaskingComparisonOptions o,
        ComparisonData data,
        Dictionary<ComparisonArm, IReadOnlyList<ArmPretraining>> pretraining,
        Dictionary<ComparisonArm, IReadOnlyList<FrozenResult>> frozen,
        BaselineResult baseline,
        Dictionary<ComparisonArm, IReadOnlyList<IReadOnlyList<double>>> fewShot,
        Dictionary<string, double> wall,
        double elapsedBeforeReport)
    {
        var kmerSpan = ComparisonArm.Of(KmerSpanMasking.StrategyName);
        var reference = data.GateReference;
        var replicates = o.Replicates;
        var arms = o.Arms.Select(arm => ArmOf(o, arm, pretraining[arm], frozen[arm], fewShot[arm], reference)).ToList();
        var byName = arms.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var gate = byName.TryGetValue(kmerSpan.Name, out var kmerSpanArm) ? kmerSpanArm.Gate : ComparisonStatistics.NoGate(reference, o.GateMargin);

        // Every arm against kmer-span (but the control) and against none. Primary, fixed before the run: each arm
        // against none on M3, and cm-gems against kmer-span on M3; the rest is exploratory.
        var cmGems = ComparisonArm.Of(CmGemsCurriculum.CurriculumName);
        var comparisons = new List<ArmComparison>();
        foreach (var referenceArm in new[] { kmerSpan, ComparisonArm.None }.Where(o.Arms.Contains))
        {
            foreach (var arm in o.Arms.Where(a => a != referenceArm && !(referenceArm == kmerSpan && a == ComparisonArm.None)))
            {
                if (replicates >= 2)
                {
                    // M1 has one value per model: its intervals are over replicates only.
                    foreach (var masking in MaskingComparison.Maskings)
                    {
                        comparisons.Add(ComparisonStatistics.Compare(arm, referenceArm, "M1", masking, "validation set", PerReplicate(frozen[arm], f => f.M1[masking]), PerReplicate(frozen[referenceArm], f => f.M1[masking]), ComparisonStatistics.BootstrapSeed(o.Seed, arm, referenceArm, "M1", masking), o.BootstrapResamples, primary: false, tOverUnits: false));
                    }
                }

                foreach (var task in new[] { MaskingComparison.PromCore, MaskingComparison.Splice40 })
                {
                    comparisons.Add(ComparisonStatistics.Compare(arm, referenceArm, "M2", task, "test examples", Correct(frozen[arm], task), Correct(frozen[referenceArm], task), ComparisonStatistics.BootstrapSeed(o.Seed, arm, referenceArm, "M2", task), o.BootstrapResamples, primary: false, tOverUnits: false));
                }

                var primary = referenceArm == ComparisonArm.None || arm == cmGems;
                comparisons.Add(ComparisonStatistics.Compare(arm, referenceArm, "M3", MaskingComparison.PromCore, "seeds", fewShot[arm], fewShot[referenceArm], ComparisonStatistics.BootstrapSeed(o.Seed, arm, referenceArm, "M3", MaskingComparison.PromCore), o.BootstrapResamples, primary, tOverUnits: true));
            }
        }

        // The control is not pretrained and is not held to the gate; every pretrained arm of a claim must have learned
        // from context (on the fixed masking where it did; the kmer-span arm's gate on its own masks is the run's).
        comparisons = ComparisonStatistics.Decide(comparisons, replicates, name => name == ComparisonArm.None.Name || byName[name].ContextCheck is { Passed: true });
        foreach (var arm in arms)
        {
            wall["pretraining seconds " + arm.Name] = arm.PretrainingSeconds;
        }

        return new ComparisonEvidence
        {
            Preset = o.Preset,
            Replicates = replicates,
            FinishedUtc = DateTimeOffset.UtcNow,
            Settings = o.Fingerprint(),
            Arms = arms,
            ContextFreeLoss = data.ContextFree,
            GateReference = reference,
            KmerBaselineAccuracy = baseline.M2.ToDictionary(p => p.Task, p => p.Accuracy, StringComparer.Ordinal),
            Comparisons = comparisons,
            Rule = MaskingComparison.Rule,
            CmGemsSwitchStep = pretraining.TryGetValue(cmGems, out var cm) ? cm[0].SwitchStep : null,
            Gate = gate,
            Resolution = ComparisonStatistics.Resolution(comparisons),
            WallTimes = wall,
            TotalSeconds = elapsedBeforeReport,
            Machine = MachineDescription.Current(),
            DataSizes = data.Sizes,
        };
    }

    /// <summary>An arm's evidence: each replicate's own values and gate, and their means.</summary>
    private static ArmEvidence ArmOf(MaskingComparisonOptions o, ComparisonArm arm, IReadOnlyList<ArmPretraining> pretraining, IReadOnlyList<FrozenResult> frozen, IReadOnlyList<IReadOnlyList<double>> fewShot, GateReference reference)
    {
        // The gate on k-mer-span masks is the per-masking gate of that masking.
        var kmerSpan = MaskingComparison.Maskings.ToList().IndexOf(reference.Masking);
        var one = pretraining.Count == 1;
        var replicates = pretraining.Select((p, r) =>
        {
            List<GateResult> perMasking = [.. MaskingComparison.Maskings.Select(m => ComparisonStatistics.Gate(arm.Name, one ? null : r, m, frozen[r].M1MaskTokens[m], frozen[r].M1[m], reference.ContextFreeMaskLosses[m], reference.CopyBaselineLosses[m], o.GateMargin))];
            return new ArmReplicate
            {
                Replicate = r,
                Gate = perMasking[kmerSpan],
                Gates = perMasking,
                PretrainingSeconds = p.Seconds,
                SwitchStep = p.SwitchStep,
                SupervisedPositionsPerStep = p.Steps == 0 ? 0 : p.SupervisedPositions / (double)p.Steps,
                M1Loss = frozen[r].M1,
                M1MaskTokenLoss = frozen[r].M1MaskTokens,
                Curve = p.Curve,
                M2Accuracy = frozen[r].M2.ToDictionary(m => m.Task, m => m.Accuracy, StringComparer.Ordinal),
                M3PerSeed = fewShot[r],
            };
        }).ToList();
        var means = fewShot.Select(seeds => seeds.Average()).ToList();
        List<GateResult> gates = [.. MaskingComparison.Maskings.Select((_, m) => ComparisonStatistics.ArmGate(arm, [.. replicates.Select(r => r.Gates[m])]))];
        return new ArmEvidence
        {
            Name = arm.Name,
            PretrainingSteps = pretraining[0].Steps,
            PretrainingSeconds = pretraining.Sum(p => p.Seconds),
            SwitchStep = pretraining[0].SwitchStep,
            Gate = gates[kmerSpan],
            ContextCheck = ComparisonStatistics.ContextCheck(arm, gates),
            Gates = gates,
            SupervisedPositionsPerStep = replicates.Average(r => r.SupervisedPositionsPerStep),
            TokensSeen = pretraining[0].Steps * o.BatchSize * (KmerTokenizer.EncodedLength(o.ChunkBases) - 2),
            M1Loss = Mean(replicates, r => r.M1Loss),
            M1MaskTokenLoss = Mean(replicates, r => r.M1MaskTokenLoss),
            Curve = one ? pretraining[0].Curve : [.. pretraining[0].Curve.Select((point, i) => new CurvePoint(point.Step, pretraining.Average(p => p.Curve[i].Loss), pretraining.Average(p => p.Curve[i].MaskTokenLoss)))],
            M2Accuracy = Mean(replicates, r => r.M2Accuracy),

            // Over seeds with one replicate; over the replicates' means (df R − 1) with several: the seeds are shared.
            M3 = ComparisonStatistics.MeanWithInterval(one ? fewShot[0] : means),
            M3PerSeed = one ? fewShot[0] : [.. fewShot[0].Select((_, s) => fewShot.Average(seeds => seeds[s]))],
            Replicates = replicates,
        };
    }

    private static Dictionary<string, double> Mean(List<ArmReplicate> replicates, Func<ArmReplicate, IReadOnlyDictionary<string, double>> values) =>
        values(replicates[0]).Keys.ToDictionary(key => key, key => replicates.Average(r => values(r)[key]), StringComparer.Ordinal);

    private static List<IReadOnlyList<double>> PerReplicate(IReadOnlyList<FrozenResult> frozen, Func<FrozenResult, double> value) =>
        [.. frozen.Select(f => (IReadOnlyList<double>)[value(f)])];

    private static List<IReadOnlyList<double>> Correct(IReadOnlyList<FrozenResult> frozen, string task) =>
        [.. frozen.Select(f => (IReadOnlyList<double>)[.. f.M2.Single(p => p.Task == task).Correct.Select(c => (double)c)])];

    /// <summary>The evidence as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ComparisonJsonContext.Default.ComparisonEvidence);

    /// <summary>Reads evidence written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not comparison evidence.</exception>
    public static ComparisonEvidence FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, ComparisonJsonContext.Default.ComparisonEvidence) ?? throw new FormatException("The evidence is 'null'.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not comparison evidence: {e.Message}", e);
        }
    }
}

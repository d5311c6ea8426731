using System.Text.Json;
using GeneMask.Masking;

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

    /// <summary>Bag-of-6-mers logistic-regression accuracy per M2 task.</summary>
    public required IReadOnlyDictionary<string, double> KmerBaselineAccuracy { get; init; }

    /// <summary>Every paired comparison.</summary>
    public required IReadOnlyList<ArmComparison> Comparisons { get; init; }

    /// <summary>The rule under which a difference is claimed (fixed before running).</summary>
    public required string Rule { get; init; }

    /// <summary>CM-GEMS's switch step (null when not run or it did not switch).</summary>
    public long? CmGemsSwitchStep { get; init; }

    /// <summary>The learning gate.</summary>
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

    /// <summary>The evidence of the options' arms from their pieces: the gate, every paired comparison, the paper's effects beside this run's resolution.</summary>
    internal static ComparisonEvidence Assemble(
        MaskingComparisonOptions o,
        ComparisonData data,
        Dictionary<ComparisonArm, IReadOnlyList<ArmPretraining>> pretrainings,
        Dictionary<ComparisonArm, IReadOnlyList<FrozenResult>> frozens,
        BaselineResult baseline,
        Dictionary<ComparisonArm, IReadOnlyList<IReadOnlyList<double>>> fewShots,
        Dictionary<string, double> wall,
        double elapsedBeforeReport)
    {
        var pretraining = pretrainings.ToDictionary(kv => kv.Key, kv => kv.Value[0]);
        var frozen = frozens.ToDictionary(kv => kv.Key, kv => kv.Value[0]);
        var fewShot = fewShots.ToDictionary(kv => kv.Key, kv => kv.Value[0]);
        var kmerSpan = ComparisonArm.Of(KmerSpanMasking.StrategyName);
        var contextFree = data.ContextFree[kmerSpan.Name];
        var gate = frozen.TryGetValue(kmerSpan, out var reference)
            ? ComparisonStatistics.Gate(reference.M1[kmerSpan.Name], contextFree, o.GateMargin)
            : ComparisonStatistics.NoGate(contextFree, o.GateMargin);
        var arms = o.Arms.Select(arm => new ArmEvidence
        {
            Name = arm.Name,
            PretrainingSteps = pretraining[arm].Steps,
            PretrainingSeconds = pretraining[arm].Seconds,
            SwitchStep = pretraining[arm].SwitchStep,
            M1Loss = frozen[arm].M1,
            Curve = pretraining[arm].Curve,
            M2Accuracy = frozen[arm].M2.ToDictionary(p => p.Task, p => p.Accuracy, StringComparer.Ordinal),
            M3 = ComparisonStatistics.MeanWithInterval(fewShot[arm]),
            M3PerSeed = fewShot[arm],
        }).ToList();

        var comparisons = new List<ArmComparison>();
        foreach (var referenceArm in new[] { kmerSpan, ComparisonArm.None }.Where(o.Arms.Contains))
        {
            foreach (var arm in o.Arms.Where(a => a != referenceArm && !(referenceArm == kmerSpan && a == ComparisonArm.None)))
            {
                foreach (var task in new[] { MaskingComparison.PromCore, MaskingComparison.Splice40 })
                {
                    var a = frozen[arm].M2.Single(p => p.Task == task).Correct.Select(c => (double)c).ToArray();
                    var b = frozen[referenceArm].M2.Single(p => p.Task == task).Correct.Select(c => (double)c).ToArray();
                    comparisons.Add(ComparisonStatistics.Compare(arm, referenceArm, "M2", task, $"{a.Length} test examples", a, b, ComparisonStatistics.BootstrapSeed(o.Seed, arm, referenceArm, "M2", task), o.BootstrapResamples, gate.Passed));
                }

                comparisons.Add(ComparisonStatistics.Compare(arm, referenceArm, "M3", MaskingComparison.PromCore, $"{o.Seeds} seeds", [.. fewShot[arm]], [.. fewShot[referenceArm]], ComparisonStatistics.BootstrapSeed(o.Seed, arm, referenceArm, "M3", MaskingComparison.PromCore), o.BootstrapResamples, gate.Passed));
            }
        }

        foreach (var arm in o.Arms)
        {
            wall["pretraining seconds " + arm.Name] = pretraining[arm].Seconds;
        }

        return new ComparisonEvidence
        {
            Preset = o.Preset,
            Replicates = o.Replicates,
            FinishedUtc = DateTimeOffset.UtcNow,
            Settings = o.Fingerprint(),
            Arms = arms,
            ContextFreeLoss = data.ContextFree,
            KmerBaselineAccuracy = baseline.M2.ToDictionary(p => p.Task, p => p.Accuracy, StringComparer.Ordinal),
            Comparisons = comparisons,
            Rule = MaskingComparison.Rule,
            CmGemsSwitchStep = pretraining.TryGetValue(ComparisonArm.Of(CmGemsCurriculum.CurriculumName), out var cm) ? cm.SwitchStep : null,
            Gate = gate,
            Resolution = ComparisonStatistics.Resolution(comparisons),
            WallTimes = wall,
            TotalSeconds = elapsedBeforeReport,
            Machine = MachineDescription.Current(),
            DataSizes = data.Sizes,
        };
    }

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

using System.Text.Json;
using System.Text.Json.Serialization;

namespace GeneMask.Reproduction.Comparison;

/// <summary>One point of an arm's k-mer-span validation-loss curve.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Loss">Mean loss per predicted token on the curve's fixed k-mer-span masks.</param>
public sealed record CurvePoint(long Step, double Loss);

/// <summary>What pretraining an arm produced (saved once it finished; a rerun reuses it).</summary>
/// <param name="Arm">The arm's name.</param>
/// <param name="Steps">Optimizer steps (0 for <c>none</c>).</param>
/// <param name="Seconds">Wall time of the pretraining.</param>
/// <param name="SwitchStep">CM-GEMS: the step after which it switched to Global; null when it did not (or another arm).</param>
/// <param name="FinalTrainingLoss">Training loss of the last step, on the arm's own masks (not comparable across arms).</param>
/// <param name="Curve">The k-mer-span validation-loss curve.</param>
public sealed record ArmPretraining(string Arm, long Steps, double Seconds, long? SwitchStep, double? FinalTrainingLoss, IReadOnlyList<CurvePoint> Curve);

/// <summary>M2 for one arm and task: the probe's predictions on the fixed test rows.</summary>
/// <param name="Task">The task.</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="Correct">Per test row, 1 when the prediction was right (pairs the arms example by example).</param>
public sealed record ProbeResult(string Task, double Accuracy, IReadOnlyList<byte> Correct);

/// <summary>M3 for one arm: the test accuracy of every seed.</summary>
/// <param name="Accuracies">Accuracy per seed, seed 0 first.</param>
public sealed record FewShotResult(IReadOnlyList<double> Accuracies);

/// <summary>An interval and the mean it surrounds.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Ci95">The 95 % interval [low, high].</param>
public sealed record MeanInterval(double Mean, [property: JsonPropertyName("ci95")] double[] Ci95);

/// <summary>One arm of the evidence.</summary>
public sealed record ArmEvidence
{
    /// <summary>The arm's name (<c>none</c> is the no-pretraining control).</summary>
    public required string Name { get; init; }

    /// <summary>Pretraining steps (0 for <c>none</c>).</summary>
    public long PretrainingSteps { get; init; }

    /// <summary>Wall time of the arm's pretraining in seconds.</summary>
    public double PretrainingSeconds { get; init; }

    /// <summary>CM-GEMS's switch step (null for other arms or when it did not switch).</summary>
    public long? SwitchStep { get; init; }

    /// <summary>M1: validation loss per fixed masking (nats per predicted token).</summary>
    public required IReadOnlyDictionary<string, double> M1Loss { get; init; }

    /// <summary>The k-mer-span validation-loss curve.</summary>
    public required IReadOnlyList<CurvePoint> Curve { get; init; }

    /// <summary>M2: probe accuracy per task.</summary>
    public required IReadOnlyDictionary<string, double> M2Accuracy { get; init; }

    /// <summary>M3: mean few-shot accuracy over seeds with its 95 % t-interval.</summary>
    public required MeanInterval M3 { get; init; }

    /// <summary>M3: accuracy per seed.</summary>
    public required IReadOnlyList<double> M3PerSeed { get; init; }
}

/// <summary>A paired comparison of two arms on one metric.</summary>
public sealed record ArmComparison
{
    /// <summary>The arm compared.</summary>
    public required string Arm { get; init; }

    /// <summary>The reference arm (<c>kmer-span</c> or <c>none</c>).</summary>
    public required string Reference { get; init; }

    /// <summary><c>M2</c> or <c>M3</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The task.</summary>
    public required string Task { get; init; }

    /// <summary>What was paired: test examples (M2) or seeds (M3), and how many.</summary>
    public required string PairedOver { get; init; }

    /// <summary>Number of pairs.</summary>
    public int Pairs { get; init; }

    /// <summary>Mean accuracy of <see cref="Arm"/> minus that of <see cref="Reference"/>.</summary>
    public double Difference { get; init; }

    /// <summary>Paired-bootstrap 95 % interval of the difference.</summary>
    [JsonPropertyName("ci95")]
    public required double[] Ci95 { get; init; }

    /// <summary>Two-sided paired t-test p-value (NaN when all differences are 0).</summary>
    public double P { get; init; }

    /// <summary>Whether the difference is claimed: the interval excludes 0 and the gate passed.</summary>
    public bool Claimed { get; init; }
}

/// <summary>The learning gate.</summary>
public sealed record GateResult
{
    /// <summary>Whether the k-mer-span arm ended at least the margin below the context-free loss.</summary>
    public bool Passed { get; init; }

    /// <summary>The arm checked (<c>kmer-span</c>).</summary>
    public required string Arm { get; init; }

    /// <summary>Its M1 loss on k-mer-span masks.</summary>
    public double Loss { get; init; }

    /// <summary>The context-free loss on the same masks.</summary>
    public double ContextFreeLoss { get; init; }

    /// <summary>Context-free loss minus the arm's loss.</summary>
    public double Gap { get; init; }

    /// <summary>The required gap.</summary>
    public double Margin { get; init; }

    /// <summary>One sentence saying what the gate found.</summary>
    public required string Message { get; init; }
}

/// <summary>Where and how long the run took.</summary>
public sealed record MachineInfo
{
    /// <summary>Operating system.</summary>
    public required string Os { get; init; }

    /// <summary>Logical processors.</summary>
    public int Cores { get; init; }

    /// <summary>CPU model when known.</summary>
    public string? Cpu { get; init; }

    /// <summary>.NET runtime.</summary>
    public required string Runtime { get; init; }

    /// <summary>Torch intra-op threads.</summary>
    public int TorchThreads { get; init; }

    /// <summary>Load average (1 minute) at the end of the run, when the system reports it.</summary>
    public double? LoadAverage { get; init; }
}

/// <summary>An effect size of the paper beside the half-width of this run's interval for the same contrast.</summary>
/// <param name="Contrast">What is compared (e.g. <c>global − kmer-span</c>).</param>
/// <param name="PaperEffect">The paper's difference (Table 4, few-shot accuracy, DNABert 10K).</param>
/// <param name="M3HalfWidth">Half-width of this run's M3 interval of the same contrast; null when the arm was not run.</param>
/// <param name="M2HalfWidth">Half-width of this run's M2 Prom-core interval; null when the arm was not run.</param>
public sealed record ResolutionRow(string Contrast, double PaperEffect, double? M3HalfWidth, double? M2HalfWidth);

/// <summary>Everything <see cref="MaskingComparison.Run"/> measured: <c>evidence.json</c>.</summary>
public sealed record ComparisonEvidence
{
    /// <summary>The configuration's name.</summary>
    public required string Preset { get; init; }

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

/// <summary>One invocation of a comparison in an output folder.</summary>
/// <param name="FinishedUtc">When it finished (UTC).</param>
/// <param name="Arms">The arms it was asked for.</param>
/// <param name="Workers">Its workers.</param>
/// <param name="Precision">Its numeric format.</param>
/// <param name="TotalSeconds">Its wall time up to the report, in seconds.</param>
/// <param name="WallTimes">Its wall time per stage, in seconds (near 0 for reused stages).</param>
/// <param name="LoadAverage">The 1-minute load average when it finished (Linux), or null.</param>
public sealed record ComparisonInvocation(DateTimeOffset FinishedUtc, IReadOnlyList<string> Arms, int Workers, string Precision, double TotalSeconds, IReadOnlyDictionary<string, double> WallTimes, double? LoadAverage);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ComparisonEvidence))]
[JsonSerializable(typeof(ArmPretraining))]
[JsonSerializable(typeof(ProbeResult[]))]
[JsonSerializable(typeof(FewShotResult))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(List<ComparisonInvocation>))]
internal sealed partial class ComparisonJsonContext : JsonSerializerContext;

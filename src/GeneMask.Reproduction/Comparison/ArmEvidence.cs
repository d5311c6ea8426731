namespace GeneMask.Reproduction.Comparison;

/// <summary>One arm of the evidence; with several replicates, the arm's values are means over them.</summary>
public sealed record ArmEvidence
{
    /// <summary>The arm's name (<c>none</c> is the no-pretraining control).</summary>
    public required string Name { get; init; }

    /// <summary>Pretraining steps (0 for <c>none</c>).</summary>
    public long PretrainingSteps { get; init; }

    /// <summary>Wall time of the arm's pretraining in seconds, summed over replicates.</summary>
    public double PretrainingSeconds { get; init; }

    /// <summary>CM-GEMS's switch step in replicate 0 (null for other arms or when it did not switch).</summary>
    public long? SwitchStep { get; init; }

    /// <summary>
    /// The context gate over the replicates on M1's fixed k-mer-span masks: passed when every replicate's model passed
    /// (the kmer-span arm's is the run's gate). The control is not pretrained and is not held to it.
    /// </summary>
    public required GateResult Gate { get; init; }

    /// <summary>
    /// Whether the arm learned from context, the condition of its claims: its gate over the replicates on the fixed
    /// masking where it passed with the largest gap (<see cref="ComparisonStatistics.ContextCheck"/>); failed when it
    /// passed on none.
    /// </summary>
    public GateResult? ContextCheck { get; init; }

    /// <summary>The gate over the replicates on each of M1's fixed maskings, in <see cref="MaskingComparison.Maskings"/> order.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>Mean positions that took a loss per pretraining step (over steps and replicates; 0 for <c>none</c>).</summary>
    public double SupervisedPositionsPerStep { get; init; }

    /// <summary>Real (k-mer) tokens each replicate's pretraining read: steps × rows × tokens per row.</summary>
    public long TokensSeen { get; init; }

    /// <summary>M1: validation loss per fixed masking (nats per predicted token).</summary>
    public required IReadOnlyDictionary<string, double> M1Loss { get; init; }

    /// <summary>M1: validation loss per fixed masking on the positions whose input is <c>[MASK]</c>.</summary>
    public required IReadOnlyDictionary<string, double> M1MaskTokenLoss { get; init; }

    /// <summary>The k-mer-span validation-loss curve (mean over replicates at each step).</summary>
    public required IReadOnlyList<CurvePoint> Curve { get; init; }

    /// <summary>M2: probe accuracy per task.</summary>
    public required IReadOnlyDictionary<string, double> M2Accuracy { get; init; }

    /// <summary>
    /// M3: mean few-shot accuracy with its 95 % Student-t interval, over seeds with one replicate, over the replicates'
    /// means (df R − 1) with several.
    /// </summary>
    public required MeanInterval M3 { get; init; }

    /// <summary>M3: accuracy per seed (mean over replicates).</summary>
    public required IReadOnlyList<double> M3PerSeed { get; init; }

    /// <summary>Every replicate's own values.</summary>
    public IReadOnlyList<ArmReplicate> Replicates { get; init; } = [];
}

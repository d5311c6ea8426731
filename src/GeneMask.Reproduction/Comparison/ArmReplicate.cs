namespace GeneMask.Reproduction.Comparison;

/// <summary>One replicate of an arm: its own pretraining, M1, M2 and M3.</summary>
public sealed record ArmReplicate
{
    /// <summary>The replicate (0 is the run's seed).</summary>
    public int Replicate { get; init; }

    /// <summary>The context gate of this replicate's model (on M1's fixed k-mer-span masks).</summary>
    public required GateResult Gate { get; init; }

    /// <summary>This replicate's gate on each of M1's fixed maskings, in <see cref="MaskingComparison.Maskings"/> order.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>Wall time of the pretraining in seconds.</summary>
    public double PretrainingSeconds { get; init; }

    /// <summary>CM-GEMS's switch step (null for other arms or when it did not switch).</summary>
    public long? SwitchStep { get; init; }

    /// <summary>Mean positions that took a loss per pretraining step (0 for <c>none</c>).</summary>
    public double SupervisedPositionsPerStep { get; init; }

    /// <summary>M1: validation loss per fixed masking, all predicted positions.</summary>
    public required IReadOnlyDictionary<string, double> M1Loss { get; init; }

    /// <summary>M1: validation loss per fixed masking on the positions whose input is <c>[MASK]</c>.</summary>
    public required IReadOnlyDictionary<string, double> M1MaskTokenLoss { get; init; }

    /// <summary>The k-mer-span validation-loss curve.</summary>
    public required IReadOnlyList<CurvePoint> Curve { get; init; }

    /// <summary>M2: probe accuracy per task.</summary>
    public required IReadOnlyDictionary<string, double> M2Accuracy { get; init; }

    /// <summary>M3: accuracy per few-shot seed (seed s at index s; the same draws in every replicate).</summary>
    public required IReadOnlyList<double> M3PerSeed { get; init; }
}

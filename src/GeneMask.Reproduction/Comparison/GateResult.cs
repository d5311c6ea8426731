namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// The context gate of one model, or of an arm over its replicates: on one of M1's fixed maskings (the run's gate: the
/// k-mer-span masks), the model's loss on the positions whose input is <c>[MASK]</c> must be at least
/// <see cref="Margin"/> below the context-free loss on the same positions.
/// </summary>
public sealed record GateResult
{
    /// <summary>Whether the loss on <c>[MASK]</c>-input positions is at least the margin below the context-free loss (for an arm: in every replicate).</summary>
    public bool Passed { get; init; }

    /// <summary>The arm checked.</summary>
    public required string Arm { get; init; }

    /// <summary>The fixed masking of M1 whose <c>[MASK]</c>-input positions were scored.</summary>
    public string Masking { get; init; } = "kmer-span";

    /// <summary>The replicate; null for an arm over all its replicates.</summary>
    public int? Replicate { get; init; }

    /// <summary>The model's loss on the <c>[MASK]</c>-input positions (for an arm: the mean over replicates).</summary>
    public double ModelLoss { get; init; }

    /// <summary>The context-free loss on the same positions.</summary>
    public double ContextFreeLoss { get; init; }

    /// <summary>The copy-aware context-free baseline on all predicted positions, beside <see cref="Loss"/>.</summary>
    public double CopyBaselineLoss { get; init; }

    /// <summary>The model's loss on all predicted positions (80/10/10; for an arm: the mean over replicates).</summary>
    public double Loss { get; init; }

    /// <summary><see cref="ContextFreeLoss"/> − <see cref="ModelLoss"/>.</summary>
    public double Gap { get; init; }

    /// <summary>The required gap (nats).</summary>
    public double Margin { get; init; }

    /// <summary>One sentence saying what the gate found.</summary>
    public required string Message { get; init; }
}

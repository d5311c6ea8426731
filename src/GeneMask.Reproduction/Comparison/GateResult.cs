namespace GeneMask.Reproduction.Comparison;

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

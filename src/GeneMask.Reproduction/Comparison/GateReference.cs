namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// What the context gate measures a model against, on M1's fixed k-mer-span masks: the loss of predictors that read no
/// neighbour, and of one that reads every unmasked neighbour perfectly.
/// </summary>
/// <param name="Masking">The masking of the set (<c>kmer-span</c>).</param>
/// <param name="MaskTokens">Predicted positions whose input is <c>[MASK]</c>.</param>
/// <param name="ContextFreeMaskLoss">The context-free loss (training 6-mer frequencies) on the <c>[MASK]</c>-input positions: the gate's reference.</param>
/// <param name="CopyBaselineLoss">The copy-aware context-free baseline on all predicted positions (80/10/10): what a model's full loss must beat.</param>
/// <param name="NeighbourOracleMaskLoss">
/// The neighbour oracle on the <c>[MASK]</c>-input positions: ln 4 per base no unmasked token reveals, the floor that a
/// model reading its neighbours can reach.
/// </param>
/// <param name="CurveContextFreeMaskLoss">The context-free loss on the <c>[MASK]</c>-input positions of the curve's rows (the curve's reference).</param>
public sealed record GateReference(string Masking, long MaskTokens, double ContextFreeMaskLoss, double CopyBaselineLoss, double NeighbourOracleMaskLoss, double CurveContextFreeMaskLoss)
{
    /// <summary>
    /// The context-free loss on the <c>[MASK]</c>-input positions of each of M1's fixed maskings: what an arm's context
    /// check (<see cref="ArmEvidence.ContextCheck"/>) measures it against.
    /// </summary>
    public IReadOnlyDictionary<string, double> ContextFreeMaskLosses { get; init; } = new Dictionary<string, double>();

    /// <summary>The copy-aware context-free baseline on all predicted positions of each of M1's fixed maskings.</summary>
    public IReadOnlyDictionary<string, double> CopyBaselineLosses { get; init; } = new Dictionary<string, double>();
}

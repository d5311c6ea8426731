namespace GeneMask.Reproduction.Comparison;

/// <summary>One point of an arm's k-mer-span validation-loss curve.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Loss">Mean loss per predicted token on the curve's fixed k-mer-span masks (all 80/10/10 positions).</param>
/// <param name="MaskTokenLoss">Mean loss on the positions whose input is <c>[MASK]</c>: the gate's measure, against <see cref="GateReference.CurveContextFreeMaskLoss"/>.</param>
public sealed record CurvePoint(long Step, double Loss, double MaskTokenLoss);

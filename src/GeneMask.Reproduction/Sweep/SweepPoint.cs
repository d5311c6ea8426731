namespace GeneMask.Reproduction.Sweep;

/// <summary>One point of a sweep curve.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Seconds">Training wall time so far on one torch thread (the curve's own evaluations left out).</param>
/// <param name="MaskTokenLoss">Validation loss on the positions whose input is <c>[MASK]</c> (fixed k-mer-span masks).</param>
/// <param name="Gap">The context-free loss on the same positions minus <paramref name="MaskTokenLoss"/>.</param>
public sealed record SweepPoint(long Step, double Seconds, double MaskTokenLoss, double Gap);

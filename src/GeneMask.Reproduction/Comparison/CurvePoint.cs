namespace GeneMask.Reproduction.Comparison;

/// <summary>One point of an arm's k-mer-span validation-loss curve.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Loss">Mean loss per predicted token on the curve's fixed k-mer-span masks.</param>
public sealed record CurvePoint(long Step, double Loss);

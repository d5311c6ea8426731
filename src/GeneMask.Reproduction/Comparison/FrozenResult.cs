namespace GeneMask.Reproduction.Comparison;

/// <summary>M1 and M2 of one model (a piece of the comparison).</summary>
/// <param name="M1">Validation loss per fixed masking (nats per predicted token, all 80/10/10 positions).</param>
/// <param name="M1MaskTokens">Validation loss per fixed masking on the positions whose input is <c>[MASK]</c> (the gate reads the k-mer-span one).</param>
/// <param name="M2">The probes' predictions per task.</param>
internal sealed record FrozenResult(IReadOnlyDictionary<string, double> M1, IReadOnlyDictionary<string, double> M1MaskTokens, IReadOnlyList<ProbeResult> M2);

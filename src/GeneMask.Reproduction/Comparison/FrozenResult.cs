namespace GeneMask.Reproduction.Comparison;

/// <summary>M1 and M2 of one model (a piece of the comparison).</summary>
/// <param name="M1">Validation loss per fixed masking (nats per predicted token).</param>
/// <param name="M2">The probes' predictions per task.</param>
internal sealed record FrozenResult(IReadOnlyDictionary<string, double> M1, IReadOnlyList<ProbeResult> M2);

namespace GeneMask.Reproduction.Comparison;

/// <summary>M2's bag-of-6-mers baseline (a piece of the comparison).</summary>
/// <param name="M2">The probes' predictions per task.</param>
internal sealed record BaselineResult(IReadOnlyList<ProbeResult> M2);

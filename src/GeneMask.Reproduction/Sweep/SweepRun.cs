namespace GeneMask.Reproduction.Sweep;

/// <summary>What one configuration of a sweep measured.</summary>
public sealed record SweepRun
{
    /// <summary>The configuration.</summary>
    public required SweepConfiguration Configuration { get; init; }

    /// <summary>The configuration's description (<see cref="SweepConfiguration.ToString"/>): a stored run is reused only for the same one.</summary>
    public required string Description { get; init; }

    /// <summary>The context-free loss on the <c>[MASK]</c>-input positions of the validation masks (row length decides the masks).</summary>
    public double ContextFreeMaskLoss { get; init; }

    /// <summary>The curve, from step 0.</summary>
    public required IReadOnlyList<SweepPoint> Curve { get; init; }

    /// <summary>The first curve step whose gap reached the margin; null when none did.</summary>
    public long? PassedAtStep { get; init; }

    /// <summary>The gap at the last step.</summary>
    public double FinalGap { get; init; }

    /// <summary>Training milliseconds per step on one torch thread.</summary>
    public double MillisecondsPerStep { get; init; }
}

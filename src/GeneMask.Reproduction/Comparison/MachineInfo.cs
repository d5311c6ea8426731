namespace GeneMask.Reproduction.Comparison;

/// <summary>Where and how long the run took.</summary>
public sealed record MachineInfo
{
    /// <summary>Operating system.</summary>
    public required string Os { get; init; }

    /// <summary>Logical processors.</summary>
    public int Cores { get; init; }

    /// <summary>CPU model when known.</summary>
    public string? Cpu { get; init; }

    /// <summary>.NET runtime.</summary>
    public required string Runtime { get; init; }

    /// <summary>Torch intra-op threads.</summary>
    public int TorchThreads { get; init; }

    /// <summary>Load average (1 minute) at the end of the run, when the system reports it.</summary>
    public double? LoadAverage { get; init; }
}

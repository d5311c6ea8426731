namespace GeneMask.Pmi;

/// <summary>How n-grams are counted (<see cref="GenomeCounter"/>).</summary>
public sealed class NgramCountingOptions
{
    /// <summary>The longest n-gram counted, 1…<see cref="NgramCounts.MaxK"/>; PMI of k-mers needs K ≥ k. Default 6.</summary>
    public int K { get; set; } = 6;

    /// <summary>Count the reverse strand too (each n-gram plus its reverse complement). Default off, as upstream.</summary>
    public bool BothStrands { get; set; }

    /// <summary>Worker threads; results are identical for any value. Default: the number of processors.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Bases per work item: long records are cut into chunks of this size (with K − 1 bases of overlap, so no window
    /// is lost or counted twice). Default 4 MiB.
    /// </summary>
    public int ChunkSize { get; set; } = 1 << 22;
}

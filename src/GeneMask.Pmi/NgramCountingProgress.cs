namespace GeneMask.Pmi;

/// <summary>Progress of <see cref="GenomeCounter.CountFasta"/>.</summary>
/// <param name="InputBytesRead">Bytes of the input files read so far (compressed size for gzip files).</param>
/// <param name="InputBytesTotal">Total size of the input files.</param>
/// <param name="BasesRead">Sequence letters read so far (any letter, N included).</param>
/// <param name="FilesDone">Files finished.</param>
/// <param name="FileCount">Files in all.</param>
public readonly record struct NgramCountingProgress(long InputBytesRead, long InputBytesTotal, long BasesRead, int FilesDone, int FileCount)
{
    /// <summary>Fraction of the input read, 0…1.</summary>
    public double Fraction => InputBytesTotal == 0 ? 1 : Math.Min(1, (double)InputBytesRead / InputBytesTotal);
}

namespace GeneMask.Masking;

/// <summary>What <see cref="MaskingThroughput.Measure"/> timed.</summary>
/// <param name="Tokens">Real tokens of the timed batches.</param>
/// <param name="Elapsed">Time the timed batches took in the collator.</param>
/// <param name="WarmUpBatches">Batches masked before timing started.</param>
/// <param name="Batches">All batches.</param>
/// <param name="BatchSize">Rows per batch.</param>
public sealed record MaskingThroughputResult(long Tokens, TimeSpan Elapsed, int WarmUpBatches, int Batches, int BatchSize)
{
    /// <summary>Timed tokens per second, or null when nothing was timed.</summary>
    public double? TokensPerSecond => Elapsed > TimeSpan.Zero && Tokens > 0 ? Tokens / Elapsed.TotalSeconds : null;
}

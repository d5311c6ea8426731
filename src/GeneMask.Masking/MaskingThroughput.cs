using System.Diagnostics;

namespace GeneMask.Masking;

/// <summary>
/// Masks rows batch by batch with a collator and one phase — strategy, 80/10/10 and padding, one
/// <see cref="MlmCollator.Collate(KmerRows, long, MaskingPhase, MlmBatch?)"/> call per batch — adds every batch to a
/// <see cref="MaskingSummary"/> (and optionally writes it as JSON lines), and times the steady state: the first batches
/// (JIT tiering, caches) are masked but not timed, at least <see cref="WarmUpBatches"/> of them and
/// <see cref="WarmUpTime"/>, at most half of all batches. A quick figure beside the real measurement, the benchmarks.
/// </summary>
public static class MaskingThroughput
{
    /// <summary>Batches masked before timing starts, at least.</summary>
    public const int WarmUpBatches = 20;

    /// <summary>Time spent masking before timing starts, at least.</summary>
    public static TimeSpan WarmUpTime { get; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Masks <paramref name="rows"/> in batches of <paramref name="batchSize"/> rows into <paramref name="summary"/>.</summary>
    /// <param name="collator">The collator (its seed decides the masks).</param>
    /// <param name="phase">The strategy and probability of every batch.</param>
    /// <param name="rows">Rows of k-mer ids.</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <param name="summary">Receives every batch.</param>
    /// <param name="dump">Receives every batch as JSON lines (<see cref="MaskingSummary.WriteJsonLines"/>), or null.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The tokens of the timed batches and the time they took.</returns>
    public static MaskingThroughputResult Measure(MlmCollator collator, MaskingPhase phase, IReadOnlyList<int[]> rows, int batchSize, MaskingSummary summary, Stream? dump = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collator);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = new MlmBatch();
        var input = new KmerRows();
        var timer = new Stopwatch();
        var batches = (rows.Count + batchSize - 1) / batchSize;
        var warmUp = batches / 2;
        var warmUpClock = Stopwatch.StartNew();
        long timedTokens = 0;
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            input.Clear();
            for (var r = start; r < Math.Min(rows.Count, start + batchSize); r++)
            {
                input.Add(rows[r]);
            }

            var index = start / batchSize;
            if (warmUp == batches / 2 && index >= WarmUpBatches && warmUpClock.Elapsed >= WarmUpTime)
            {
                warmUp = Math.Min(warmUp, index);
            }

            var timed = index >= warmUp;
            if (timed)
            {
                timer.Start();
            }

            collator.Collate(input, index, phase, batch);
            if (timed)
            {
                timer.Stop();
                timedTokens += batch.RealTokens;
            }

            summary.Add(batch);
            if (dump is not null)
            {
                MaskingSummary.WriteJsonLines(batch, dump);
            }
        }

        return new MaskingThroughputResult(timedTokens, timer.Elapsed, warmUp, batches, batchSize);
    }
}

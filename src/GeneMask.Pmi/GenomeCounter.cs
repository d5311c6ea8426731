using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GeneMask.Pmi;

/// <summary>
/// Counts n-grams (n = 1…K) at genome scale on several threads: over files, and over chunks of long records.
/// The counts are identical for any degree of parallelism and chunk size.
/// </summary>
/// <remarks>
/// A long record is cut into chunks; each chunk carries the K − 1 bases before it so that a worker can roll its code
/// into place, and counts only the windows that end inside the chunk: every window is counted exactly once. Workers
/// count into their own arrays, summed at the end (integer sums do not depend on order). Windows never span a
/// record boundary or a non-A/C/G/T byte; lower case counts as upper case.
/// </remarks>
public sealed partial class GenomeCounter
{
    private readonly NgramCountingOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a counter (dependency injection).</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the value.</exception>
    public GenomeCounter(IOptions<NgramCountingOptions> options, ILogger<GenomeCounter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = OptionsCheck.Validated(options.Value);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates a counter with the given options (defaults when null).</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the value.</exception>
    public static GenomeCounter Create(NgramCountingOptions? options = null, ILogger<GenomeCounter>? logger = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? new NgramCountingOptions()), logger);

    /// <summary>The options in use.</summary>
    public NgramCountingOptions Options => _options;

    /// <summary>Counts in-memory sequences (ASCII bases, one record each).</summary>
    /// <exception cref="InvalidDataException">No sequence holds a single A/C/G/T.</exception>
    public NgramCounts CountSequences(IEnumerable<ReadOnlyMemory<byte>> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var list = sequences.ToList();
        var counts = Run(
            producerCount: 1,
            produce: (_, post, token) =>
            {
                foreach (var sequence in list)
                {
                    token.ThrowIfCancellationRequested();
                    for (var start = 0; start < sequence.Length; start += _options.ChunkSize)
                    {
                        var prefixStart = Math.Max(0, start - (_options.K - 1));
                        var end = Math.Min(sequence.Length, start + _options.ChunkSize);
                        post(new WorkItem(sequence[prefixStart..start], sequence[start..end], null));
                    }
                }
            },
            cancellationToken);
        if (counts.Bases == 0)
        {
            throw new InvalidDataException($"The {list.Count} sequence(s) given hold no A/C/G/T base: nothing to count.");
        }

        return _options.BothStrands ? counts.WithReverseStrand() : counts;
    }

    /// <summary>Counts one in-memory sequence.</summary>
    public NgramCounts CountSequence(ReadOnlyMemory<byte> sequence, CancellationToken cancellationToken = default) =>
        CountSequences([sequence], cancellationToken);

    /// <summary>
    /// Runs <paramref name="producerCount"/> producers that cut input into work items and one worker per degree of
    /// parallelism that counts them; returns the summed counts (one strand).
    /// </summary>
    private NgramCounts Run(int producerCount, Action<int, Action<WorkItem>, CancellationToken> produce, CancellationToken cancellationToken)
    {
        var workers = _options.MaxDegreeOfParallelism;
        var total = NgramCounts.AllocateArrays(_options.K);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<WorkItem>(boundedCapacity: 2 * workers);
        var stopwatch = Stopwatch.StartNew();
        long bytes = 0;

        void Post(WorkItem item) => queue.Add(item, cancel.Token);

        var producers = Enumerable.Range(0, producerCount).Select(index => Task.Run(
            () =>
            {
                try
                {
                    produce(index, Post, cancel.Token);
                }
                catch
                {
                    cancel.Cancel();
                    throw;
                }
            },
            CancellationToken.None)).ToArray();
        var producersDone = Task.WhenAll(producers).ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(
            () =>
            {
                try
                {
                    var accumulator = new NgramAccumulator(_options.K);
                    foreach (var item in queue.GetConsumingEnumerable(cancel.Token))
                    {
                        accumulator.Break();
                        accumulator.Prime(item.Prefix.Span);
                        accumulator.Add(item.Body.Span);
                        Interlocked.Add(ref bytes, item.Body.Length);
                        if (item.PooledBuffer is not null)
                        {
                            ArrayPool<byte>.Shared.Return(item.PooledBuffer);
                        }
                    }

                    lock (total)
                    {
                        accumulator.AddTo(total);
                    }
                }
                catch
                {
                    cancel.Cancel();
                    throw;
                }
            },
            CancellationToken.None)).ToArray();

        try
        {
            Task.WaitAll([.. producers, producersDone, .. consumers], CancellationToken.None);
        }
        catch (AggregateException aggregate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = aggregate.Flatten().InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException)
                        ?? aggregate.Flatten().InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }

        var counts = new NgramCounts(_options.K, total);
        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
        Log.Counted(_logger, bytes, counts.Bases, _options.K, workers, stopwatch.Elapsed.TotalSeconds, bytes / seconds / 1e6);
        return counts;
    }

    /// <summary>A chunk to count: the bases before it (rolled in, not counted) and the bases whose windows it counts.</summary>
    private readonly record struct WorkItem(ReadOnlyMemory<byte> Prefix, ReadOnlyMemory<byte> Body, byte[]? PooledBuffer);
}

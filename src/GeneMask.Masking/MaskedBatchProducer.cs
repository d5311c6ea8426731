using System.Collections.Concurrent;
using System.Threading.Channels;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeneMask.Masking;

/// <summary>
/// Collates masked batches ahead of the trainer on background threads: a bounded producer/consumer queue of ready
/// <see cref="MlmBatch"/>es, delivered in batch order. Deterministic: batch b has the rows the source gives for b and
/// the masks of (seed, b), whatever the number of workers.
/// </summary>
/// <remarks>
/// The curriculum is asked for each batch's phase when the batch is made (<see cref="ICurriculumScheduler.PeekPhase"/>,
/// which reports nothing) and again when it is handed out (<see cref="ICurriculumScheduler.GetPhase"/>, which reports
/// it); if an evaluation changed the answer in between (CM-GEMS switched), the batch is masked again for the new phase,
/// so the result — and the curriculum's reported phase, change event and saved state — is exactly what synchronous
/// collation would give. Return every batch with <see cref="Return"/> once its
/// contents have been copied (e.g. into tensors): its buffers are then reused.
/// </remarks>
public sealed class MaskedBatchProducer : IAsyncDisposable, IDisposable
{
    private readonly MlmCollator _collator;
    private readonly ICurriculumScheduler _curriculum;
    private readonly BatchRowsSource _source;
    private readonly ILogger _logger;
    private readonly Channel<MlmBatch>[] _channels;
    private readonly ConcurrentQueue<MlmBatch> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly KmerRows _remaskRows = new();
    private readonly Task[] _workers;
    private readonly long _start;
    private readonly long _end;
    private readonly int _batchesPerStep;
    private readonly long _totalSteps;
    private long _next;
    private bool _disposed;

    /// <summary>Creates the producer and starts its workers.</summary>
    /// <param name="collator">The collator (its seed fixes the masks).</param>
    /// <param name="curriculum">The curriculum asked for each batch's phase.</param>
    /// <param name="source">Gives the rows of a batch index.</param>
    /// <param name="options">Options (at least <see cref="MaskedBatchProducerOptions.TotalSteps"/>).</param>
    /// <param name="logger">Logger, optional.</param>
    public MaskedBatchProducer(MlmCollator collator, ICurriculumScheduler curriculum, BatchRowsSource source, MaskedBatchProducerOptions options, ILogger<MaskedBatchProducer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(collator);
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options = new MaskedBatchProducerOptionsValidator().Validated(options);

        _collator = collator;
        _curriculum = curriculum;
        _source = source;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _batchesPerStep = options.BatchesPerStep;
        _totalSteps = options.TotalSteps;
        _start = options.StartBatchIndex;
        _end = checked(options.TotalSteps * options.BatchesPerStep);
        _next = _start;
        var workers = options.Workers;
        var perWorker = Math.Max(1, (options.Capacity + workers - 1) / workers);
        _channels = new Channel<MlmBatch>[workers];
        _workers = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            _channels[w] = Channel.CreateBounded<MlmBatch>(new BoundedChannelOptions(perWorker)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            _workers[w] = Task.Factory.StartNew(() => RunWorkerAsync(worker), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>The index of the next batch <see cref="ReadAsync"/> will hand out.</summary>
    public long NextBatchIndex => Interlocked.Read(ref _next);

    /// <summary>The index one past the last batch of the run.</summary>
    public long EndBatchIndex => _end;

    /// <summary>The training state of a batch index (step = index / batches per step).</summary>
    public TrainingState StateOf(long batchIndex) => new(batchIndex / _batchesPerStep, _totalSteps, batchIndex);

    /// <summary>The next batch in order, or <see langword="null"/> after the last batch of the run.</summary>
    /// <exception cref="InvalidOperationException">The row source or the collation failed on a background thread (inner exception).</exception>
    public async ValueTask<MlmBatch?> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var index = _next;
        if (index >= _end)
        {
            return null;
        }

        var channel = _channels[(int)((index - _start) % _channels.Length)];
        MlmBatch batch;
        if (!channel.Reader.TryRead(out batch!))
        {
            try
            {
                batch = await channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException e) when (e.InnerException is not null)
            {
                throw new InvalidOperationException($"Producing batch {index} failed: {e.InnerException.Message}", e.InnerException);
            }
        }

        if (batch.BatchIndex != index)
        {
            throw new InvalidOperationException($"Internal error: expected batch {index}, got {batch.BatchIndex}.");
        }

        var phase = _curriculum.GetPhase(StateOf(index));
        if (!SamePhase(phase, batch.Phase))
        {
            Log.BatchRemasked(_logger, index, batch.Phase.Name, phase.Name);
            Remask(batch, phase);
        }

        Interlocked.Increment(ref _next);
        return batch;
    }

    /// <summary>The next batch in order, waiting synchronously; <see langword="null"/> after the last batch.</summary>
    public MlmBatch? Read(CancellationToken cancellationToken = default)
    {
        var pending = ReadAsync(cancellationToken);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>All remaining batches in order. Each must be returned with <see cref="Return"/> after use.</summary>
    public async IAsyncEnumerable<MlmBatch> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>Gives a batch's buffers back for reuse; do not touch the batch afterwards.</summary>
    public void Return(MlmBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _free.Enqueue(batch);
    }

    /// <summary>Stops the workers and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // A worker failure has been (or would have been) reported by ReadAsync.
        }

        _stop.Dispose();
    }

    /// <summary>Stops the workers and waits for them.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static bool SamePhase(MaskingPhase a, MaskingPhase b) =>
        ReferenceEquals(a.Strategy, b.Strategy) && a.Probability.Equals(b.Probability) && string.Equals(a.Name, b.Name, StringComparison.Ordinal);

    private void Remask(MlmBatch batch, MaskingPhase phase)
    {
        _remaskRows.Clear();
        var ids = batch.OriginalIds;
        for (var r = 0; r < batch.BatchSize; r++)
        {
            _remaskRows.Add(ids.Slice((r * batch.SequenceLength) + 1, batch.RowLengths[r] - 2));
        }

        _collator.Collate(_remaskRows, batch.BatchIndex, phase, batch);
    }

    private async Task RunWorkerAsync(int worker)
    {
        var writer = _channels[worker].Writer;
        var rows = new KmerRows();
        var token = _stop.Token;
        long index = -1;
        try
        {
            for (index = _start + worker; index < _end; index += _channels.Length)
            {
                token.ThrowIfCancellationRequested();
                rows.Clear();
                _source(index, rows);

                // Asking ahead must not report: the phase is reported when the batch is handed out (ReadAsync).
                var phase = _curriculum.PeekPhase(StateOf(index));
                var batch = _free.TryDequeue(out var reused) ? reused : new MlmBatch();
                _collator.Collate(rows, index, phase, batch);
                await writer.WriteAsync(batch, token).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            writer.TryComplete();
        }
#pragma warning disable CA1031 // any failure of user code must reach the consumer, not vanish on a background thread
        catch (Exception e)
#pragma warning restore CA1031
        {
            writer.TryComplete(new InvalidOperationException($"Batch {index}: {e.Message}", e));
        }
    }
}

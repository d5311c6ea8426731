using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;
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
    private static readonly SearchValues<byte> NucleotideLetters = SearchValues.Create("ACGTacgt"u8);

    private readonly NgramCountingOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a counter (dependency injection).</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the value.</exception>
    public GenomeCounter(IOptions<NgramCountingOptions> options, ILogger<GenomeCounter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new NgramCountingOptionsValidator().Validated(options.Value);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates a counter with the given options (defaults when null).</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the value.</exception>
    public static GenomeCounter Create(NgramCountingOptions? options = null, ILogger<GenomeCounter>? logger = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? new NgramCountingOptions()), logger);

    /// <summary>The options in use.</summary>
    public NgramCountingOptions Options => _options;

    /// <summary>Counts in-memory sequences (ASCII bases, one record each).</summary>
    /// <exception cref="PmiFormatException">No sequence holds a single A/C/G/T.</exception>
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
            throw new PmiFormatException($"The {list.Count} sequence(s) given hold no A/C/G/T base: nothing to count.");
        }

        return _options.BothStrands ? counts.WithReverseStrand() : counts;
    }

    /// <summary>Counts one in-memory sequence.</summary>
    public NgramCounts CountSequence(ReadOnlyMemory<byte> sequence, CancellationToken cancellationToken = default) =>
        CountSequences([sequence], cancellationToken);

    /// <summary>
    /// Counts FASTA files (plain, gzip or bgzip; several records each). Files are read in parallel and long records
    /// are cut into chunks counted in parallel; the counts do not depend on the degree of parallelism.
    /// </summary>
    /// <param name="paths">The FASTA files.</param>
    /// <param name="progress">Receives progress after each chunk read (from reader threads).</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <exception cref="ArgumentException">No file given.</exception>
    /// <exception cref="SequenceFormatException">A file is empty or not FASTA; the message names file and line.</exception>
    /// <exception cref="PmiFormatException">A file holds no A/C/G/T base; the message names the file.</exception>
    public NgramCounts CountFasta(IEnumerable<string> paths, IProgress<NgramCountingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = paths.ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException("No FASTA file given: nothing to count.", nameof(paths));
        }

        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"FASTA file '{file}' does not exist.", file);
            }
        }

        var totalInput = files.Sum(f => new FileInfo(f).Length);
        var nextFile = -1;
        long inputRead = 0;
        long basesRead = 0;
        var filesDone = 0;
        var overlap = _options.K - 1;

        void ReadFiles(int producer, Action<WorkItem> post, CancellationToken token)
        {
            int index;
            while ((index = Interlocked.Increment(ref nextFile)) < files.Count)
            {
                var path = files[index];
                Log.CountingFile(_logger, path, index + 1, files.Count);
                var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                FastaReader reader;
                try
                {
                    // Our own FileStream (not FastaReader.Open) so that its position can drive the progress report.
                    reader = new FastaReader(SequenceFile.OpenRead(file, path), path);
                }
                catch
                {
                    file.Dispose();
                    throw;
                }

                using var readerScope = reader;
                var carry = new byte[Math.Max(1, overlap)];
                var carryLength = 0;
                long fileBytes = 0;
                long records = 0;
                long lastPosition = 0;
                var hasBase = false;
                foreach (var chunk in reader.ReadChunks(_options.ChunkSize))
                {
                    token.ThrowIfCancellationRequested();
                    var bases = chunk.Bases.Span;
                    hasBase = hasBase || bases.IndexOfAny(NucleotideLetters) >= 0;

                    // The chunk's memory is reused by the reader: copy it after the carried-over bases.
                    var buffer = ArrayPool<byte>.Shared.Rent(carryLength + bases.Length);
                    carry.AsSpan(0, carryLength).CopyTo(buffer);
                    bases.CopyTo(buffer.AsSpan(carryLength));
                    var total = carryLength + bases.Length;
                    var prefixLength = carryLength;

                    // The carry is taken before the buffer is posted: a worker returns it to the pool when counted, and
                    // another reader may rent and overwrite it before this line would run.
                    if (chunk.IsRecordEnd)
                    {
                        carryLength = 0;
                        records++;
                    }
                    else
                    {
                        carryLength = Math.Min(overlap, total);
                        buffer.AsSpan(total - carryLength, carryLength).CopyTo(carry);
                    }

                    post(new WorkItem(buffer.AsMemory(0, prefixLength), buffer.AsMemory(prefixLength, bases.Length), buffer));

                    fileBytes += bases.Length;
                    var position = file.Position;
                    Interlocked.Add(ref inputRead, position - lastPosition);
                    lastPosition = position;
                    var read = Interlocked.Add(ref basesRead, bases.Length);
                    progress?.Report(new NgramCountingProgress(Interlocked.Read(ref inputRead), totalInput, read, Volatile.Read(ref filesDone), files.Count));
                }

                if (!hasBase)
                {
                    throw new PmiFormatException($"{path}: no A/C/G/T base in {records} record(s) ({fileBytes} sequence letters): nothing to count.");
                }

                Interlocked.Increment(ref filesDone);
                Log.FileCounted(_logger, path, fileBytes, records);
            }
        }

        var counts = Run(Math.Min(files.Count, _options.MaxDegreeOfParallelism), ReadFiles, cancellationToken);
        progress?.Report(new NgramCountingProgress(totalInput, totalInput, basesRead, files.Count, files.Count));
        return _options.BothStrands ? counts.WithReverseStrand() : counts;
    }

    /// <summary>
    /// Counts the sequences of a token corpus (GeneMask.Tokenization's binary corpus of overlapping k-mer ids): each
    /// row is turned back into bases (the first k-mer, then the last base of each next one) and counted as its own
    /// sequence. A special id ([UNK] …) breaks the row: no window spans it. Rows are counted in parallel. A file the
    /// manifest of its corpus folder lists is first checked against it.
    /// </summary>
    /// <param name="path">The corpus file.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <exception cref="PmiFormatException">The corpus holds no k-mer; the message names the file.</exception>
    /// <exception cref="GeneMaskFormatException">The file does not match its corpus manifest.</exception>
    public NgramCounts CountCorpus(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusManifest.VerifyListed(path);
        using var corpus = TokenCorpus.Open(path);
        const int RowsPerBlock = 4096;
        var blocks = (int)((corpus.RowCount + RowsPerBlock - 1) / RowsPerBlock);
        var total = NgramCounts.AllocateArrays(_options.K);
        var stopwatch = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            blocks,
            parallel,
            () => (Accumulator: new NgramAccumulator(_options.K), Ids: new int[Math.Max(1, corpus.MaxRowLength)], Bases: new byte[Math.Max(1, corpus.MaxRowLength) * (corpus.K + 1)]),
            (block, _, local) =>
            {
                var end = Math.Min(corpus.RowCount, (block + 1L) * RowsPerBlock);
                for (var row = (long)block * RowsPerBlock; row < end; row++)
                {
                    var length = corpus.CopyRow(row, local.Ids);
                    var bases = KmerIdsToBases(local.Ids.AsSpan(0, length), corpus.K, local.Bases);
                    local.Accumulator.Break();
                    local.Accumulator.Add(local.Bases.AsSpan(0, bases));
                }

                return local;
            },
            local =>
            {
                lock (total)
                {
                    local.Accumulator.AddTo(total);
                }
            });

        var counts = new NgramCounts(_options.K, total);
        if (counts.Bases == 0)
        {
            throw new PmiFormatException($"{path}: the corpus ({corpus.RowCount} rows) holds no k-mer: nothing to count.");
        }

        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
        Log.Counted(_logger, counts.Bases, counts.Bases, _options.K, _options.MaxDegreeOfParallelism, stopwatch.Elapsed.TotalSeconds, counts.Bases / seconds / 1e6);
        return _options.BothStrands ? counts.WithReverseStrand() : counts;
    }

    /// <summary>
    /// Rebuilds bases from overlapping k-mer ids: the first k-mer whole, then the last base of each next one; a
    /// special id writes one N (a break) and the next k-mer is written whole. Returns the number of bytes written.
    /// </summary>
    internal static int KmerIdsToBases(ReadOnlySpan<int> ids, int k, Span<byte> bases)
    {
        var written = 0;
        var whole = true;
        foreach (var id in ids)
        {
            var code = id - SpecialTokens.Count;
            if (code < 0)
            {
                bases[written++] = (byte)'N';
                whole = true;
                continue;
            }

            if (whole)
            {
                for (var i = k - 1; i >= 0; i--)
                {
                    bases[written++] = (byte)Nucleotides.BaseOf((code >> (2 * i)) & 3);
                }

                whole = false;
            }
            else
            {
                bases[written++] = (byte)Nucleotides.BaseOf(code & 3);
            }
        }

        return written;
    }

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

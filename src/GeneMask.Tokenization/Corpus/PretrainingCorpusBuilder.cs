using System.Globalization;
using System.IO.Hashing;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GeneMask.Tokenization;

/// <summary>
/// Builds a pretraining corpus from FASTA files by the GeneMask protocol: upper-case; every N (and any other letter
/// than A/C/G/T) removed, joining the sequence across it; cut into consecutive chunks of <see cref="PretrainingCorpusOptions.MaxChunkBases"/>
/// bases with probability <see cref="PretrainingCorpusOptions.FullLengthProbability"/>, else of a length uniform in
/// [min, max]; identical chunks written once; each chunk sent to validation with probability
/// <see cref="PretrainingCorpusOptions.ValidationFraction"/>.
/// </summary>
/// <remarks>
/// <para>Output files in the output folder: <c>train.txt</c> and <c>validation.txt</c> (one chunk a line as
/// space-separated k-mers, as DNABERT reads them), <c>train.tokens</c> and <c>validation.tokens</c> (the same rows as
/// k-mer ids in <see cref="TokenCorpusFormat"/>, read them with <see cref="TokenCorpus"/>), <c>report.json</c> and
/// <see cref="CorpusManifest.FileName"/> (every file's length and hash; check a corpus with <see cref="CorpusManifest.Verify"/>).</para>
/// <para>Chunks never span two records. A record's last piece is kept when it has at least the minimum length, and a
/// chunk with fewer than k bases (no k-mer) is dropped; both are counted in <see cref="PretrainingCorpusReport.ShortBasesDropped"/>.</para>
/// <para>Reproducible: the chunk lengths and the split come from a fixed generator seeded by
/// <see cref="PretrainingCorpusOptions.Seed"/>, rows are written in genome order, and de-duplication keeps the first
/// occurrence (comparing 128-bit XxHash128 digests), so the same seed and input give byte-identical files.</para>
/// <para>Atomic as a set: everything is written into a temporary folder inside the output folder and moved into place
/// at the end, the manifest last; on failure or cancellation the temporary folder is deleted and existing outputs are
/// left untouched. The output folder is claimed with an <see cref="OutputLock"/> while the build runs.</para>
/// <para>Memory: one read buffer, one chunk, and 16 bytes per distinct chunk for de-duplication.</para>
/// </remarks>
public sealed class PretrainingCorpusBuilder
{
    /// <summary>Name of the training text file.</summary>
    public const string TrainTextFile = "train.txt";

    /// <summary>Name of the validation text file.</summary>
    public const string ValidationTextFile = "validation.txt";

    /// <summary>Name of the training token file.</summary>
    public const string TrainTokensFile = "train.tokens";

    /// <summary>Name of the validation token file.</summary>
    public const string ValidationTokensFile = "validation.tokens";

    /// <summary>Name of the JSON report.</summary>
    public const string ReportFile = "report.json";

    private const int ReadChunkBases = 1 << 20;

    private readonly ILogger<PretrainingCorpusBuilder> _logger;

    /// <summary>Creates a builder; the options are validated here.</summary>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names it and its value.</exception>
    public PretrainingCorpusBuilder(IOptions<PretrainingCorpusOptions> options, ILogger<PretrainingCorpusBuilder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = new PretrainingCorpusOptionsValidator().Validated(options.Value);
        _logger = logger ?? NullLogger<PretrainingCorpusBuilder>.Instance;
    }

    /// <summary>Creates a builder with the given options (validated here).</summary>
    public PretrainingCorpusBuilder(PretrainingCorpusOptions options)
        : this(Microsoft.Extensions.Options.Options.Create(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Creates a builder with the default GeneMask settings.</summary>
    public PretrainingCorpusBuilder()
        : this(new PretrainingCorpusOptions())
    {
    }

    /// <summary>The settings.</summary>
    public PretrainingCorpusOptions Options { get; }

    /// <summary>Reads the FASTA files (plain, gzip or bgzip) and writes the corpus into <paramref name="outputDirectory"/>.</summary>
    /// <param name="fastaFiles">The input files, read in this order.</param>
    /// <param name="outputDirectory">The output folder (created if missing); existing output files are replaced.</param>
    /// <param name="progress">Receives progress after each megabase read, or null.</param>
    /// <param name="cancellationToken">Stops the build; nothing is written then.</param>
    /// <returns>The counts, also written as <c>report.json</c>.</returns>
    /// <exception cref="SequenceFormatException">An input file is malformed; no output is written.</exception>
    public PretrainingCorpusReport Build(
        IReadOnlyList<string> fastaFiles,
        string outputDirectory,
        IProgress<PretrainingCorpusProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fastaFiles);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        if (fastaFiles.Count == 0)
        {
            throw new ArgumentException("At least one FASTA file is needed.", nameof(fastaFiles));
        }

        foreach (var file in fastaFiles)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"FASTA file not found: {file}", file);
            }
        }

        using var claim = OutputLock.Acquire(outputDirectory);
        var temporary = Path.Combine(outputDirectory, $".corpus-{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            var report = Write(fastaFiles, temporary, progress, cancellationToken);
            RequireBothSplits(report, outputDirectory);
            File.WriteAllText(Path.Combine(temporary, ReportFile), report.ToJson());
            string[] names = [TrainTextFile, ValidationTextFile, TrainTokensFile, ValidationTokensFile, ReportFile];
            CorpusManifest.Create(temporary, names).Save(Path.Combine(temporary, CorpusManifest.FileName));
            cancellationToken.ThrowIfCancellationRequested();

            // The manifest leaves first and returns last: a process killed between the renames leaves a folder whose
            // files do not all match a manifest, which CorpusManifest.Verify (and so pretraining) refuses.
            File.Delete(Path.Combine(outputDirectory, CorpusManifest.FileName));
            foreach (var name in names)
            {
                File.Move(Path.Combine(temporary, name), Path.Combine(outputDirectory, name), overwrite: true);
            }

            File.Move(Path.Combine(temporary, CorpusManifest.FileName), Path.Combine(outputDirectory, CorpusManifest.FileName), overwrite: true);
            Log.CorpusWritten(_logger, outputDirectory, report.TrainRows, report.ValidationRows, report.DuplicatesDropped);
            return report;
        }
        finally
        {
            try
            {
                Directory.Delete(temporary, recursive: true);
            }
            catch (IOException)
            {
                // The original error matters more than a leftover temporary folder (the next build removes it).
            }
        }
    }

    /// <summary>A split the options give a share of must hold rows (pretraining trains on one and evaluates on the other).</summary>
    private void RequireBothSplits(PretrainingCorpusReport report, string outputDirectory)
    {
        var fraction = Options.ValidationFraction;
        if ((fraction > 0 && report.ValidationRows == 0) || (fraction < 1 && report.TrainRows == 0))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"PretrainingCorpusOptions.ValidationFraction {fraction} split {report.TrainRows + report.ValidationRows:N0} rows into {report.TrainRows:N0} for training and {report.ValidationRows:N0} for validation; pretraining needs rows in both. Choose a fraction nearer 0.5 or give more sequence; nothing was written to {outputDirectory}."));
        }
    }

    private PretrainingCorpusReport Write(IReadOnlyList<string> files, string folder, IProgress<PretrainingCorpusProgress>? progress, CancellationToken cancellationToken)
    {
        var o = Options;
        var state = new ChunkState(o, folder);
        try
        {
            var totalBytes = files.Sum(f => new FileInfo(f).Length);
            long bytesBefore = 0;
            var upper = BuildUpperTable();
            foreach (var path in files)
            {
                Log.ReadingFile(_logger, path);
                using var raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                using var reader = new FastaReader(SequenceFile.OpenRead(raw, path), path);
                foreach (var piece in reader.ReadChunks(ReadChunkBases))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (piece.Offset == 0)
                    {
                        state.Records++;
                    }

                    state.Add(piece.Bases.Span, upper);
                    if (piece.IsRecordEnd)
                    {
                        state.EndRecord();
                    }

                    progress?.Report(new PretrainingCorpusProgress(bytesBefore + raw.Position, totalBytes, state.BasesRead, state.Rows));
                }

                bytesBefore += raw.Length;
            }

            return state.Complete(files);
        }
        finally
        {
            state.Dispose();
        }
    }

    /// <summary>Maps a letter to its upper-case base (A, C, G, T), to 'N' for N/n, and to 0 for anything else.</summary>
    private static byte[] BuildUpperTable()
    {
        var table = new byte[256];
        foreach (var c in "ACGT")
        {
            table[c] = (byte)c;
            table[char.ToLowerInvariant(c)] = (byte)c;
        }

        table['N'] = table['n'] = (byte)'N';
        return table;
    }

    /// <summary>The chunk being cut, the random streams, the output writers and the counters.</summary>
    private sealed class ChunkState : IDisposable
    {
        private readonly PretrainingCorpusOptions _options;
        private readonly KmerTokenizer _tokenizer;
        private readonly byte[] _chunk;
        private readonly int[] _ids;
        private readonly byte[] _text;
        private readonly HashSet<UInt128> _seen = [];
        private readonly FileStream _trainText;
        private readonly FileStream _validationText;
        private readonly TokenCorpusWriter _trainTokens;
        private readonly TokenCorpusWriter _validationTokens;
        private SeededRandom _lengths;
        private SeededRandom _split;
        private int _filled;
        private int _target;

        public ChunkState(PretrainingCorpusOptions options, string folder)
        {
            _options = options;
            _tokenizer = KmerTokenizer.Create(options.K, Math.Max(3, options.MaxChunkBases));
            _chunk = new byte[options.MaxChunkBases];
            _ids = new int[options.MaxChunkBases];
            _text = new byte[KmerText.GetTextLength(options.MaxChunkBases, options.K) + 1];
            _lengths = new SeededRandom((ulong)options.Seed);
            _split = new SeededRandom((ulong)options.Seed ^ 0x5DEECE66DUL);
            _trainText = OpenText(Path.Combine(folder, TrainTextFile));
            _validationText = OpenText(Path.Combine(folder, ValidationTextFile));
            _trainTokens = TokenCorpusWriter.Create(Path.Combine(folder, TrainTokensFile), options.K);
            _validationTokens = TokenCorpusWriter.Create(Path.Combine(folder, ValidationTokensFile), options.K);
            _target = DrawLength();
        }

        public long Records { get; set; }

        public long BasesRead { get; private set; }

        public long Rows => _trainTokens.RowCount + _validationTokens.RowCount;

        private long BasesKept { get; set; }

        private long NDropped { get; set; }

        private long OtherDropped { get; set; }

        private long ShortDropped { get; set; }

        private long DuplicateBases { get; set; }

        private long Chunks { get; set; }

        private long FullLength { get; set; }

        private long Duplicates { get; set; }

        public void Add(ReadOnlySpan<byte> bases, byte[] upper)
        {
            BasesRead += bases.Length;
            foreach (var letter in bases)
            {
                var b = upper[letter];
                if (b is (byte)'A' or (byte)'C' or (byte)'G' or (byte)'T')
                {
                    _chunk[_filled++] = b;
                    if (_filled == _target)
                    {
                        Emit(_filled);
                        _filled = 0;
                        _target = DrawLength();
                    }
                }
                else if (b == (byte)'N')
                {
                    NDropped++;
                }
                else
                {
                    OtherDropped++;
                }
            }
        }

        /// <summary>A record ended: its last piece becomes a chunk if long enough; the next record starts a fresh chunk.</summary>
        public void EndRecord()
        {
            if (_filled >= _options.MinChunkBases && !_options.FullLengthOnly)
            {
                Emit(_filled);
            }
            else
            {
                ShortDropped += _filled;
            }

            _filled = 0;
            _target = DrawLength();
        }

        public PretrainingCorpusReport Complete(IReadOnlyList<string> files)
        {
            _trainTokens.Complete();
            _validationTokens.Complete();
            _trainText.Flush(flushToDisk: true);
            _validationText.Flush(flushToDisk: true);
            return new PretrainingCorpusReport
            {
                Files = [.. files],
                Seed = _options.Seed,
                K = _options.K,
                Records = Records,
                BasesRead = BasesRead,
                BasesKept = BasesKept,
                NBasesDropped = NDropped,
                OtherBasesDropped = OtherDropped,
                ShortBasesDropped = ShortDropped + _filled,
                DuplicateBasesDropped = DuplicateBases,
                Chunks = Chunks,
                FullLengthChunks = FullLength,
                DuplicatesDropped = Duplicates,
                TrainRows = _trainTokens.RowCount,
                ValidationRows = _validationTokens.RowCount,
                TrainTokens = _trainTokens.TokenCount,
                ValidationTokens = _validationTokens.TokenCount,
            };
        }

        public void Dispose()
        {
            _trainText.Dispose();
            _validationText.Dispose();
            _trainTokens.Dispose();
            _validationTokens.Dispose();
        }

        private static FileStream OpenText(string path) =>
            new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);

        private int DrawLength()
        {
            var o = _options;
            if (o.FullLengthOnly)
            {
                return o.MaxChunkBases;
            }

            return _lengths.NextDouble() < o.FullLengthProbability
                ? o.MaxChunkBases
                : _lengths.NextInclusive(o.MinChunkBases, o.MaxChunkBases);
        }

        private void Emit(int length)
        {
            var bases = _chunk.AsSpan(0, length);
            if (length < _options.K)
            {
                ShortDropped += length;
                return;
            }

            Chunks++;
            if (length == _options.MaxChunkBases)
            {
                FullLength++;
            }

            if (_options.Deduplicate && !_seen.Add(XxHash128.HashToUInt128(bases)))
            {
                Duplicates++;
                DuplicateBases += length;
                return;
            }

            var validation = _split.NextDouble() < _options.ValidationFraction;
            var textLength = KmerText.FromBases(bases, _options.K, _text);
            _text[textLength] = (byte)'\n';
            (validation ? _validationText : _trainText).Write(_text, 0, textLength + 1);
            var count = _tokenizer.EncodeKmers(bases, _ids);
            (validation ? _validationTokens : _trainTokens).AddRow(_ids.AsSpan(0, count));
            BasesKept += length;
        }
    }
}

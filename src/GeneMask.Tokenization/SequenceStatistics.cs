namespace GeneMask.Tokenization;

/// <summary>
/// Base and k-mer statistics of sequences: records, bases, soft-masked (lower-case) bases, N, GC, and the count of every
/// k-mer as the tokenizer would see it (overlapping, stride 1, case ignored; a k-mer with a non-ACGT letter is unknown).
/// </summary>
/// <remarks>Feed it with <see cref="StartRecord"/> and <see cref="Add"/> (k-mers continue across calls within a record),
/// or use <see cref="Compute(string, int, IProgress{double}?, CancellationToken)"/> on a FASTA file.</remarks>
public sealed class SequenceStatistics
{
    private readonly long[] _counts;
    private readonly int _mask;
    private int _code;
    private int _run;
    private int _sinceStart;

    /// <summary>Creates empty statistics for k-mers of length <paramref name="k"/> (1…8).</summary>
    public SequenceStatistics(int k = KmerTokenizer.DefaultK)
    {
        if (k is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between {KmerTokenizer.MinK} and {KmerTokenizer.MaxK}.");
        }

        K = k;
        _counts = new long[Nucleotides.KmerCount(k)];
        _mask = _counts.Length - 1;
    }

    /// <summary>The k-mer length.</summary>
    public int K { get; }

    /// <summary>Records seen.</summary>
    public long Records { get; private set; }

    /// <summary>Bases (sequence letters) seen.</summary>
    public long Bases { get; private set; }

    /// <summary>Lower-case (soft-masked) letters.</summary>
    public long SoftMaskedBases { get; private set; }

    /// <summary>N or n.</summary>
    public long NBases { get; private set; }

    /// <summary>Letters other than A/C/G/T/N (either case).</summary>
    public long OtherBases { get; private set; }

    /// <summary>G and C (either case).</summary>
    public long GcBases { get; private set; }

    /// <summary>All k-mers: L − k + 1 for each record of L ≥ k bases.</summary>
    public long Kmers => KnownKmers + UnknownKmers;

    /// <summary>k-mers made of A/C/G/T only.</summary>
    public long KnownKmers { get; private set; }

    /// <summary>k-mers holding another letter (the tokenizer's [UNK]).</summary>
    public long UnknownKmers { get; private set; }

    /// <summary>Number of different k-mers seen.</summary>
    public int DistinctKmers => _counts.Count(c => c > 0);

    /// <summary>The count of every k-mer, indexed by its code (token id − <see cref="SpecialTokens.Count"/>).</summary>
    public ReadOnlySpan<long> KmerCounts => _counts;

    /// <summary>Reads a FASTA file (plain, gzip or bgzip) and returns its statistics.</summary>
    /// <param name="path">The FASTA file.</param>
    /// <param name="k">The k-mer length.</param>
    /// <param name="progress">Receives the share of the file read so far (0…1) after each megabase, or null.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <exception cref="SequenceFormatException">The file is malformed; the message names it and the line.</exception>
    public static SequenceStatistics Compute(string path, int k = KmerTokenizer.DefaultK, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var statistics = new SequenceStatistics(k);
        using var raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var length = Math.Max(1, raw.Length);
        using var reader = new FastaReader(SequenceFile.OpenRead(raw, path), path);
        foreach (var chunk in reader.ReadChunks(1 << 20))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (chunk.Offset == 0)
            {
                statistics.StartRecord();
            }

            statistics.Add(chunk.Bases.Span);
            progress?.Report(raw.Position / (double)length);
        }

        return statistics;
    }

    /// <summary>Starts a new record: k-mers do not span records.</summary>
    public void StartRecord()
    {
        Records++;
        _code = 0;
        _run = 0;
        _sinceStart = 0;
    }

    /// <summary>Adds letters of the current record (a record is started first if none was).</summary>
    public void Add(ReadOnlySpan<byte> bases)
    {
        if (Records == 0)
        {
            StartRecord();
        }

        var table = Nucleotides.CodeTable;
        var counts = _counts;
        var mask = _mask;
        var k = K;
        var code = _code;
        var run = _run; // A/C/G/T letters in a row
        var sinceStart = _sinceStart; // letters since the record start, capped at k
        long lower = 0, n = 0, other = 0, gc = 0, known = 0, unknown = 0;
        foreach (var letter in bases)
        {
            var b = table[letter];
            lower += (uint)(letter - 'a') <= 'z' - 'a' ? 1 : 0;
            if (b == Nucleotides.Invalid)
            {
                run = 0;
                if ((letter | 0x20) == 'n')
                {
                    n++;
                }
                else
                {
                    other++;
                }
            }
            else
            {
                code = ((code << 2) | b) & mask;
                run++;
                gc += b >> 1; // C = 2 and G = 3 are the codes with the high bit
            }

            if (sinceStart < k)
            {
                sinceStart++;
                if (sinceStart < k)
                {
                    continue;
                }
            }

            if (run >= k)
            {
                counts[code]++;
                known++;
            }
            else
            {
                unknown++;
            }
        }

        _code = code;
        _run = run;
        _sinceStart = sinceStart;
        Bases += bases.Length;
        SoftMaskedBases += lower;
        NBases += n;
        OtherBases += other;
        GcBases += gc;
        KnownKmers += known;
        UnknownKmers += unknown;
    }

    /// <summary>The <paramref name="count"/> most frequent k-mers, most frequent first (ties: vocabulary order).</summary>
    public IReadOnlyList<KmerCount> MostFrequent(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var tokenizer = KmerTokenizer.Create(K);
        return Enumerable.Range(0, _counts.Length)
            .Where(code => _counts[code] > 0)
            .OrderByDescending(code => _counts[code])
            .ThenBy(code => code)
            .Take(count)
            .Select(code => new KmerCount(tokenizer.GetToken(SpecialTokens.Count + code), SpecialTokens.Count + code, _counts[code]))
            .ToList();
    }
}

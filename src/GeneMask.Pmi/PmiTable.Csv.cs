using System.Globalization;
using System.Text;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Pmi;

public sealed partial class PmiTable
{
    /// <summary>The header of the CSV this library writes.</summary>
    public const string CsvHeader = "ngram,count,naive_pmi,pmi,npmi,rank";

    /// <summary>The minimum count behind the published GeneMask table (used to recover its counts).</summary>
    private const int PublishedMinCount = 101;

    private const string DefaultResourceName = "GeneMask.Pmi.pmi-k6-hg38-chr2-fragment.csv";

    private static readonly string[] PublishedRequiredColumns = ["ngram", "naive.pmi", "dp.true.pmi", "norm_dp_true_pmi"];

    private static readonly Lazy<PmiTable> DefaultTable = new(LoadDefaultCore);

    /// <summary>
    /// The shipped 6-mer table: computed by this library from the first 2.33 Mbp of human GRCh38 chr2 with the paper's
    /// definition and c = 101 (see docs/pmi.md). A table from a whole genome is better; make one with <see cref="GenomeCounter"/>.
    /// </summary>
    public static PmiTable LoadDefault() => DefaultTable.Value;

    /// <summary>
    /// Writes the table as CSV (header <see cref="CsvHeader"/>, one row per k-mer in rank order; empty cells for
    /// values that are undefined or unknown), atomically.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, Save);
    }

    /// <summary>Writes the table as CSV to a stream.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // A table of ranks only (FromRanks) is written with empty statistics.
        var stats = _statistics ?? EmptyStatistics(KmerCount);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(CsvHeader);
        var line = new StringBuilder(96);
        for (var rank = 1; rank <= KmerCount; rank++)
        {
            var code = _kmerByRank[rank - 1];
            line.Clear();
            line.Append(Kmers.Decode(code, K)).Append(',');
            if (stats.Counts[code] >= 0)
            {
                line.Append(stats.Counts[code].ToString(CultureInfo.InvariantCulture));
            }

            line.Append(',').Append(Format(stats.Naive[code]))
                .Append(',').Append(Format(stats.Pmi[code]))
                .Append(',').Append(Format(stats.Npmi[code]))
                .Append(',').Append(rank.ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// Reads a table from CSV: either this library's format (header <see cref="CsvHeader"/>) or the published
    /// upstream GeneMask format (<c>ngram,naive.pmi,true.pmi,dp.true.pmi,norm_dp_true_pmi,…</c>), told apart by the header.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="expectedK">When given, every k-mer must have this length.</param>
    /// <exception cref="PmiFormatException">Missing columns, a bad value, a duplicate or missing k-mer, a wrong k; the message names file, line and value.</exception>
    public static PmiTable Load(string path, int? expectedK = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream, path, expectedK);
    }

    /// <summary>Reads a table from a CSV stream (see <see cref="Load(string, int?)"/>).</summary>
    /// <param name="stream">The CSV text, UTF-8.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <param name="expectedK">When given, every k-mer must have this length.</param>
    public static PmiTable Load(Stream stream, string sourceName, int? expectedK = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = reader.ReadLine() ?? throw new PmiFormatException($"{sourceName}: the file is empty; expected a header line.");
        var columns = SplitCsv(header);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            index.TryAdd(columns[i], i);
        }

        var published = index.ContainsKey("norm_dp_true_pmi") || index.ContainsKey("dp.true.pmi");
        string[] required = published ? PublishedRequiredColumns : ["ngram", "count", "naive_pmi", "pmi", "npmi", "rank"];
        var missing = required.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new PmiFormatException(
                $"{sourceName}, line 1: missing column(s) {string.Join(", ", missing)}; expected the header '{CsvHeader}' or the published GeneMask header (ngram,naive.pmi,true.pmi,dp.true.pmi,norm_dp_true_pmi,…).");
        }

        return published ? ReadPublished(reader, sourceName, index, expectedK) : ReadOwn(reader, sourceName, index, expectedK);
    }

    private static PmiTable ReadOwn(StreamReader reader, string sourceName, Dictionary<string, int> index, int? expectedK)
    {
        var rows = new CsvRows(reader, sourceName, index["ngram"], index.Values.Max() + 1, expectedK);
        Statistics? stats = null;
        int[]? ranks = null;
        int[]? lines = null;
        while (rows.Next(out var fields, out var code))
        {
            if (stats is null)
            {
                stats = new Statistics(Nucleotides.KmerCount(rows.K));
                ranks = new int[stats.Counts.Length];
                lines = new int[stats.Counts.Length];
            }

            lines![code] = rows.Line;

            var countText = fields[index["count"]];
            stats.Counts[code] = countText.Length == 0 ? -1 : rows.ParseLong(countText, "count");
            if (stats.Counts[code] < -1 || (countText.Length > 0 && stats.Counts[code] < 0))
            {
                throw rows.Error($"column count: '{countText}' is negative");
            }
            stats.Naive[code] = rows.ParseDouble(fields[index["naive_pmi"]], "naive_pmi");
            stats.Pmi[code] = rows.ParseDouble(fields[index["pmi"]], "pmi");
            stats.Npmi[code] = rows.ParseDouble(fields[index["npmi"]], "npmi");
            rows.CheckNpmi(stats.Pmi[code], stats.Npmi[code], "pmi", "npmi");
            var rank = rows.ParseLong(fields[index["rank"]], "rank");
            if (rank < 1 || rank > ranks!.Length)
            {
                throw rows.Error($"rank {rank} is outside 1..{ranks!.Length}");
            }

            ranks[code] = (int)rank;
        }

        rows.CheckComplete();
        var seen = new bool[ranks!.Length + 1];
        foreach (var rank in ranks)
        {
            if (seen[rank])
            {
                throw new PmiFormatException($"{sourceName}: rank {rank} is given to more than one k-mer; ranks must be a permutation of 1..{ranks.Length}.");
            }

            seen[rank] = true;
        }

        CheckRankOrder(sourceName, rows.K, ranks, stats!.Npmi, lines!);
        return new PmiTable(rows.K, BuildRankByToken(rows.K, ranks, nameof(reader)), stats, null, null);
    }

    /// <summary>
    /// Ranks must order the k-mers by descending NPMI, those without one last (equal values in any order): a table
    /// whose ranks contradict its values was edited or damaged. The first k-mer, in rank order, ranked above where its
    /// NPMI puts it is named.
    /// </summary>
    private static void CheckRankOrder(string sourceName, int k, int[] ranks, double[] npmi, int[] lines)
    {
        var byRank = new int[ranks.Length];
        for (var code = 0; code < ranks.Length; code++)
        {
            byRank[ranks[code] - 1] = code;
        }

        for (var r = 1; r < byRank.Length; r++)
        {
            double previous = npmi[byRank[r - 1]], current = npmi[byRank[r]];
            if ((double.IsNaN(previous) && !double.IsNaN(current)) || current > previous)
            {
                static string Value(double v) => double.IsNaN(v) ? "no npmi" : string.Create(CultureInfo.InvariantCulture, $"npmi {v:R}");
                throw new PmiFormatException(sourceName, lines[byRank[r]], string.Create(
                    CultureInfo.InvariantCulture,
                    $"rank {r + 1} ('{Kmers.Decode(byRank[r], k)}', {Value(current)}) comes after rank {r} ('{Kmers.Decode(byRank[r - 1], k)}', {Value(previous)}, line {lines[byRank[r - 1]]}); ranks must order the k-mers by descending npmi, those without one last. The table was edited or damaged: compute it again with 'pmi'."));
            }
        }
    }

    private static PmiTable ReadPublished(StreamReader reader, string sourceName, Dictionary<string, int> index, int? expectedK)
    {
        var rows = new CsvRows(reader, sourceName, index["ngram"], index.Values.Max() + 1, expectedK);
        var sizeColumn = index.TryGetValue("ngram_size", out var s) ? s : -1;
        Statistics? stats = null;
        var lnC = Math.Log(PublishedMinCount);
        while (rows.Next(out var fields, out var code))
        {
            stats ??= new Statistics(Nucleotides.KmerCount(rows.K));
            if (sizeColumn >= 0 && rows.ParseLong(fields[sizeColumn], "ngram_size") != rows.K)
            {
                throw rows.Error($"ngram_size '{fields[sizeColumn]}' does not match the k-mer's length {rows.K}");
            }

            var naive = rows.ParseDouble(fields[index["naive.pmi"]], "naive.pmi");
            var pmi = rows.ParseDouble(fields[index["dp.true.pmi"]], "dp.true.pmi");
            var npmi = rows.ParseDouble(fields[index["norm_dp_true_pmi"]], "norm_dp_true_pmi");
            rows.CheckNpmi(pmi, npmi, "dp.true.pmi", "norm_dp_true_pmi");
            stats.Naive[code] = naive;
            stats.Pmi[code] = pmi;
            stats.Npmi[code] = npmi;

            // The file has no counts, but NPMI = PMI · ln f / (ln f + ln 101) gives ln f = NPMI · ln 101 / (PMI − NPMI);
            // keep f only where it comes out as a whole number.
            stats.Counts[code] = -1;
            var lnF = npmi * lnC / (pmi - npmi);
            if (double.IsFinite(lnF) && lnF >= 0 && lnF < 60)
            {
                var f = Math.Exp(lnF);
                var whole = Math.Round(f);
                if (Math.Abs(f - whole) <= 0.01 + (1e-9 * f))
                {
                    stats.Counts[code] = (long)whole;
                }
            }
        }

        rows.CheckComplete();
        return FromStatistics(rows.K, stats!, PmiDefinition.GeneMaskPublished, PublishedMinCount);
    }

    private static PmiTable LoadDefaultCore()
    {
        using var stream = typeof(PmiTable).Assembly.GetManifestResourceStream(DefaultResourceName)
                           ?? throw new InvalidOperationException($"The embedded resource '{DefaultResourceName}' is missing from {typeof(PmiTable).Assembly.GetName().Name}.");
        var table = Load(stream, DefaultResourceName, 6);
        return new PmiTable(table.K, table._rankByTokenId, table._statistics, PmiDefinition.Paper, PmiOptions.DefaultMinCount);
    }

    private static Statistics EmptyStatistics(int kmerCount)
    {
        var stats = new Statistics(kmerCount);
        Array.Fill(stats.Counts, -1);
        Array.Fill(stats.Naive, double.NaN);
        Array.Fill(stats.Pmi, double.NaN);
        Array.Fill(stats.Npmi, double.NaN);
        return stats;
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    private static string[] SplitCsv(string line)
    {
        var fields = line.Split(',');
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i].Trim();
            if (f.Length >= 2 && f[0] == '"' && f[^1] == '"')
            {
                f = f[1..^1];
            }

            fields[i] = f;
        }

        return fields;
    }

    /// <summary>Reads k-mer rows, checking the k-mer column, k, duplicates and completeness; errors name file and line.</summary>
    private sealed class CsvRows(StreamReader reader, string sourceName, int ngramColumn, int columnCount, int? expectedK)
    {
        private bool[]? _seen;
        private int _rows;

        public int Line { get; private set; } = 1;

        public int K { get; private set; } = expectedK ?? 0;

        public bool Next(out string[] fields, out int code)
        {
            while (reader.ReadLine() is { } line)
            {
                Line++;
                if (line.Length == 0)
                {
                    continue;
                }

                fields = SplitCsv(line);
                if (fields.Length < columnCount)
                {
                    throw Error($"expected {columnCount} fields as in the header, found {fields.Length}");
                }

                var ngram = fields[ngramColumn];
                if (K == 0)
                {
                    if (ngram.Length is < 2 or > NgramCounts.MaxK)
                    {
                        throw Error($"'{ngram}' is not a k-mer of length 2..{NgramCounts.MaxK}");
                    }

                    K = ngram.Length;
                }

                if (ngram.Length != K)
                {
                    throw Error($"'{ngram}' has length {ngram.Length}; expected {K}-mers{(expectedK is null ? " (the length of the first row)" : string.Empty)}");
                }

                if (!Kmers.TryEncode(ngram, out code))
                {
                    throw Error($"'{ngram}' is not a k-mer of A/C/G/T");
                }

                _seen ??= new bool[Nucleotides.KmerCount(K)];
                if (_seen[code])
                {
                    throw Error($"duplicate k-mer '{ngram}'");
                }

                _seen[code] = true;
                _rows++;
                return true;
            }

            fields = [];
            code = -1;
            return false;
        }

        public void CheckComplete()
        {
            if (_seen is null)
            {
                throw new PmiFormatException($"{sourceName}: no k-mer rows after the header.");
            }

            if (_rows != _seen.Length)
            {
                var missing = Array.IndexOf(_seen, false);
                throw new PmiFormatException($"{sourceName}: {_rows} k-mer rows; a {K}-mer table needs all {_seen.Length} (e.g. '{Kmers.Decode(missing, K)}' is missing).");
            }
        }

        public long ParseLong(string text, string column) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"column {column}: '{text}' is not an integer");

        public double ParseDouble(string text, string column)
        {
            // An empty field or NA: no value (a k-mer below the minimum count). A literal NaN is refused like Infinity.
            if (text.Length == 0 || text is "NA")
            {
                return double.NaN;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw Error($"column {column}: '{text}' is not a number");
        }

        public PmiFormatException Error(string what) => new(sourceName, Line, what + ".");

        /// <summary>
        /// NPMI = PMI · ln f / (ln c + ln f) with f ≥ c, so NPMI / PMI lies in [1/2, 1): NPMI has PMI's sign and at most its
        /// size (it is not bounded by ±1: the shipped table reaches −1.27).
        /// </summary>
        public void CheckNpmi(double pmi, double npmi, string pmiColumn, string npmiColumn)
        {
            if (double.IsNaN(pmi) || double.IsNaN(npmi))
            {
                return;
            }

            const double tolerance = 1e-9;
            var ratio = pmi == 0 ? (npmi == 0 ? 1 : double.PositiveInfinity) : npmi / pmi;
            if (ratio < 0.5 - tolerance || ratio > 1 + tolerance)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"column {npmiColumn}: {npmi:R} is outside the range that {pmiColumn} = {pmi:R} allows (NPMI = PMI · ln f / (ln c + ln f) lies between PMI / 2 and PMI)"));
            }
        }
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Pmi;

public sealed partial class NgramCounts
{
    /// <summary>The header of the counts CSV.</summary>
    public const string CsvHeader = "ngram,count";

    // Binary layout (little-endian): magic "GMNGRAM2", int32 K, then for n = 1…K the 4^n int64 counts in code order,
    // then the XxHash128 of everything before it. The earlier "GMNGRAM1" (no checksum) is still read, unverified.
    private static ReadOnlySpan<byte> Magic => "GMNGRAM2"u8;

    private static ReadOnlySpan<byte> MagicWithoutChecksum => "GMNGRAM1"u8;

    /// <summary>
    /// Saves the counts atomically: CSV (<c>ngram,count</c>, every n-gram of every length) when the path ends in
    /// <c>.csv</c>, the compact binary form otherwise.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, IsCsv(path) ? SaveCsv : SaveBinary);
    }

    /// <summary>Loads counts saved by <see cref="Save"/> (CSV when the path ends in <c>.csv</c>, binary otherwise).</summary>
    /// <exception cref="PmiFormatException">The file is malformed; the message names file, line and value.</exception>
    public static NgramCounts Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return IsCsv(path) ? LoadCsv(stream, path) : LoadBinary(stream, path);
    }

    /// <summary>Writes the compact binary form, ending with its checksum.</summary>
    public void SaveBinary(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var hash = new XxHash128();
        void Write(ReadOnlySpan<byte> data)
        {
            hash.Append(data);
            stream.Write(data);
        }

        Write(Magic);
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, K);
        Write(buffer[..4]);
        var bytes = new byte[8 * 4096];
        for (var n = 1; n <= K; n++)
        {
            var counts = _counts[n];
            for (var start = 0; start < counts.Length; start += 4096)
            {
                var length = Math.Min(4096, counts.Length - start);
                for (var i = 0; i < length; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), counts[start + i]);
                }

                Write(bytes.AsSpan(0, 8 * length));
            }
        }

        stream.Write(hash.GetCurrentHash());
    }

    /// <summary>Reads the compact binary form and checks its checksum (files of the earlier form have none).</summary>
    /// <param name="stream">The data.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <exception cref="PmiFormatException">Not a counts file, truncated, or its checksum does not match its content.</exception>
    public static NgramCounts LoadBinary(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[12];
        var read = stream.ReadAtLeast(head, 12, throwOnEndOfStream: false);
        var checksummed = read == 12 && head[..8].SequenceEqual(Magic);
        if (!checksummed && (read < 12 || !head[..8].SequenceEqual(MagicWithoutChecksum)))
        {
            throw new PmiFormatException($"{sourceName}: not a GeneMask n-gram counts file (expected the magic bytes 'GMNGRAM2' or 'GMNGRAM1').");
        }

        var hash = new XxHash128();
        hash.Append(head);

        var k = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
        if (k is < 1 or > MaxK)
        {
            throw new PmiFormatException($"{sourceName}: K = {k} is out of range 1..{MaxK}.");
        }

        var arrays = AllocateArrays(k);
        var bytes = new byte[8 * 4096];
        string? negative = null; // Reported after the checksum: damage is the likelier cause.
        for (var n = 1; n <= k; n++)
        {
            var counts = arrays[n];
            for (var start = 0; start < counts.Length; start += 4096)
            {
                var length = Math.Min(4096, counts.Length - start);
                if (stream.ReadAtLeast(bytes.AsSpan(0, 8 * length), 8 * length, throwOnEndOfStream: false) < 8 * length)
                {
                    throw new PmiFormatException($"{sourceName}: truncated: the counts of length {n} end early (K = {k}).");
                }

                hash.Append(bytes.AsSpan(0, 8 * length));

                for (var i = 0; i < length; i++)
                {
                    var value = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8 * i));
                    negative ??= value < 0 ? $"{sourceName}: negative count {value} for {Kmers.Decode(start + i, n)}." : null;
                    counts[start + i] = value;
                }
            }
        }

        if (checksummed)
        {
            Span<byte> stored = stackalloc byte[16];
            if (stream.ReadAtLeast(stored, 16, throwOnEndOfStream: false) < 16)
            {
                throw new PmiFormatException($"{sourceName}: truncated: the checksum after the counts is missing.");
            }

            var actual = hash.GetCurrentHash();
            if (!stored.SequenceEqual(actual))
            {
                throw new PmiFormatException($"{sourceName}: checksum mismatch (XxHash128 {Convert.ToHexStringLower(actual)}, stored {Convert.ToHexStringLower(stored)}): the counts were changed or damaged after they were saved. Count them again ('pmi count').");
            }
        }

        if (negative is not null)
        {
            throw new PmiFormatException(negative);
        }

        if (stream.ReadByte() != -1)
        {
            throw new PmiFormatException($"{sourceName}: unexpected bytes after the counts of K = {k}.");
        }

        return new NgramCounts(k, arrays);
    }

    /// <summary>Writes the CSV form: header <c>ngram,count</c>, then every n-gram of length 1…K in code order.</summary>
    public void SaveCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(CsvHeader);
        for (var n = 1; n <= K; n++)
        {
            var counts = _counts[n];
            for (var code = 0; code < counts.Length; code++)
            {
                writer.Write(Kmers.Decode(code, n));
                writer.Write(',');
                writer.WriteLine(counts[code].ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// Reads the CSV form: header with columns <c>ngram</c> and <c>count</c>, one n-gram a line, any n; K is the
    /// longest n-gram present (or <paramref name="expectedK"/>); n-grams not listed count 0.
    /// </summary>
    /// <param name="stream">The CSV text.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <param name="expectedK">When given, no n-gram may be longer.</param>
    public static NgramCounts LoadCsv(Stream stream, string sourceName, int? expectedK = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = reader.ReadLine() ?? throw new PmiFormatException($"{sourceName}: the file is empty; expected the header '{CsvHeader}'.");
        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToList();
        var ngramColumn = columns.IndexOf("ngram");
        var countColumn = columns.IndexOf("count");
        if (ngramColumn < 0 || countColumn < 0)
        {
            throw new PmiFormatException($"{sourceName}, line 1: missing column(s) {(ngramColumn < 0 ? "ngram " : string.Empty)}{(countColumn < 0 ? "count" : string.Empty)}; expected the header '{CsvHeader}'.");
        }

        var limit = expectedK ?? MaxK;
        // Arrays are allocated per length on first use: a small file must not cost 4^MaxK counts.
        var arrays = new long[limit + 1][];
        var seen = new bool[limit + 1][];
        var k = 0;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Count)
            {
                throw new PmiFormatException($"{sourceName}, line {lineNumber}: expected {columns.Count} fields as in the header, found {fields.Length}.");
            }

            var ngram = fields[ngramColumn].Trim().Trim('"');
            if (ngram.Length > limit)
            {
                throw new PmiFormatException($"{sourceName}, line {lineNumber}: n-gram '{ngram}' has length {ngram.Length}; expected at most {limit}{(expectedK is null ? string.Empty : " (the requested K)")}.");
            }

            if (!Kmers.TryEncode(ngram, out var code))
            {
                throw new PmiFormatException($"{sourceName}, line {lineNumber}: '{ngram}' is not an n-gram of A/C/G/T.");
            }

            var text = fields[countColumn].Trim();
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 0)
            {
                throw new PmiFormatException($"{sourceName}, line {lineNumber}: count '{text}' of '{ngram}' is not a non-negative integer.");
            }

            var n = ngram.Length;
            arrays[n] ??= new long[Nucleotides.KmerCount(n)];
            seen[n] ??= new bool[arrays[n].Length];
            if (seen[n][code])
            {
                throw new PmiFormatException($"{sourceName}, line {lineNumber}: duplicate n-gram '{ngram}'.");
            }

            seen[n][code] = true;
            arrays[n][code] = count;
            k = Math.Max(k, n);
        }

        if (k == 0)
        {
            throw new PmiFormatException($"{sourceName}: no n-gram rows after the header.");
        }

        if (expectedK is { } wanted && k != wanted)
        {
            throw new PmiFormatException($"{sourceName}: the longest n-gram has length {k}; expected counts up to K = {wanted}.");
        }

        var result = arrays[..(k + 1)];
        result[0] = [];
        for (var n = 1; n <= k; n++)
        {
            result[n] ??= new long[Nucleotides.KmerCount(n)];
        }

        return new NgramCounts(k, result);
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
}

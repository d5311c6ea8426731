namespace GeneMask.Tokenization;

/// <summary>
/// Streaming FASTQ reader for the four-line format (<c>@name</c>, sequence, <c>+</c>, qualities), LF or CRLF line ends.
/// Plain and gzip/bgzip input through <see cref="Open(string)"/>.
/// </summary>
/// <remarks>
/// A record whose quality string is not as long as its sequence, a missing <c>@</c> or <c>+</c> line, a record cut short
/// at the end of the file, an empty file or binary data throw <see cref="SequenceFormatException"/> naming the file and line.
/// </remarks>
public sealed class FastqReader : IDisposable
{
    private readonly ByteInput _input;
    private bool _started;

    /// <summary>Creates a reader over decompressed FASTQ text.</summary>
    /// <param name="stream">The FASTQ bytes (use <see cref="SequenceFile.OpenRead(Stream, string)"/> for compressed data). The reader owns it.</param>
    /// <param name="sourceName">Name used in error messages (a file name).</param>
    public FastqReader(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        _input = new ByteInput(stream, sourceName);
    }

    /// <summary>The name used in error messages.</summary>
    public string SourceName => _input.SourceName;

    /// <summary>Opens a FASTQ file, plain or gzip/bgzip (recognised by content).</summary>
    public static FastqReader Open(string path) => new(SequenceFile.OpenRead(path), path);

    /// <summary>Reads the records, once.</summary>
    public IEnumerable<FastqRecord> ReadRecords()
    {
        if (_started)
        {
            throw new InvalidOperationException($"{SourceName}: a FastqReader reads its input once; open a new reader to read again.");
        }

        _started = true;
        return ReadRecordsCore();
    }

    /// <inheritdoc/>
    public void Dispose() => _input.Dispose();

    private IEnumerable<FastqRecord> ReadRecordsCore()
    {
        var records = 0;
        while (TryReadRecord(records, out var record))
        {
            records++;
            yield return record;
        }
    }

    private bool TryReadRecord(int recordsSoFar, out FastqRecord record)
    {
        record = null!;
        ReadOnlySpan<byte> line;
        long headerLine;
        do
        {
            headerLine = _input.Line;
            if (!_input.TryReadLine(out line))
            {
                if (recordsSoFar == 0)
                {
                    throw _input.Error(_input.SawData ? "no FASTQ record: expected a header line starting with '@'." : "empty file: expected a FASTQ header line starting with '@'.");
                }

                return false;
            }
        }
        while (line.Trim((byte)' ').IsEmpty);

        if (line[0] != (byte)'@')
        {
            throw _input.Error(headerLine, $"expected a FASTQ header line starting with '@', found {ByteInput.Describe(line[0])}.");
        }

        _input.CheckText(line, headerLine);
        var (id, description) = ByteInput.SplitHeader(line[1..]);

        var sequenceLine = _input.Line;
        if (!_input.TryReadLine(out line))
        {
            throw _input.Error(sequenceLine, $"record '{id}' is cut short: expected its sequence line.");
        }

        var bad = line.IndexOfAnyExcept(ByteInput.SequenceLetters);
        if (bad >= 0)
        {
            throw _input.Error(sequenceLine, $"unexpected {ByteInput.Describe(line[bad])} at column {bad + 1}: expected sequence letters.");
        }

        var bases = line.ToArray();

        var plusLine = _input.Line;
        if (!_input.TryReadLine(out line))
        {
            throw _input.Error(plusLine, $"record '{id}' is cut short: expected the '+' separator line.");
        }

        if (line.IsEmpty || line[0] != (byte)'+')
        {
            throw _input.Error(plusLine, $"expected the '+' separator line of record '{id}', found {(line.IsEmpty ? "an empty line" : ByteInput.Describe(line[0]))}.");
        }

        var qualityLine = _input.Line;
        if (!_input.TryReadLine(out line))
        {
            throw _input.Error(qualityLine, $"record '{id}' is cut short: expected its quality line.");
        }

        if (line.Length != bases.Length)
        {
            throw _input.Error(qualityLine, $"record '{id}' has {line.Length} quality values for {bases.Length} bases: the lengths must be equal.");
        }

        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is < (byte)'!' or > (byte)'~')
            {
                throw _input.Error(qualityLine, $"unexpected {ByteInput.Describe(line[i])} at column {i + 1}: expected a quality character ('!' to '~').");
            }
        }

        record = new FastqRecord(id, description, bases, line.ToArray());
        return true;
    }
}

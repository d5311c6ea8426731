namespace GeneMask.Tokenization;

/// <summary>
/// Streaming FASTA reader: one or many records, wrapped or unwrapped lines, LF or CRLF line ends, blank lines, and
/// soft-masked (lower-case) bases kept as they are. Plain and gzip/bgzip input through <see cref="Open(string)"/>.
/// </summary>
/// <remarks>
/// The reader works on bytes (no string per line) and is forward-only: enumerate <see cref="ReadRecords"/> or
/// <see cref="ReadChunks(int)"/> once. Sequence lines may hold letters (any IUPAC code, either case), <c>-</c> and
/// <c>*</c>; spaces, tabs and carriage returns are skipped. Anything else — a sequence before the first header, an
/// empty file, binary data — throws <see cref="SequenceFormatException"/> naming the file and line.
/// </remarks>
public sealed class FastaReader : IDisposable
{
    private readonly ByteInput _input;
    private bool _atLineStart = true;
    private bool _started;
    private int _records;

    /// <summary>Creates a reader over decompressed FASTA text.</summary>
    /// <param name="stream">The FASTA bytes (use <see cref="SequenceFile.OpenRead(Stream, string)"/> for compressed data). The reader owns it.</param>
    /// <param name="sourceName">Name used in error messages (a file name).</param>
    public FastaReader(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        _input = new ByteInput(stream, sourceName);
    }

    /// <summary>The name used in error messages.</summary>
    public string SourceName => _input.SourceName;

    /// <summary>Opens a FASTA file, plain or gzip/bgzip (recognised by content).</summary>
    public static FastaReader Open(string path) => new(SequenceFile.OpenRead(path), path);

    /// <summary>Reads whole records; each record's bases are held in memory at once.</summary>
    public IEnumerable<SequenceRecord> ReadRecords()
    {
        BeginEnumeration();
        var buffer = new byte[1 << 16];
        while (TryReadHeader(out var id, out var description))
        {
            var filled = 0;
            while (true)
            {
                filled += ReadBases(buffer.AsSpan(filled), out var recordEnd);
                if (recordEnd)
                {
                    break;
                }

                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, checked(buffer.Length * 2));
                }
            }

            yield return new SequenceRecord(id, description, buffer.AsSpan(0, filled).ToArray());
        }
    }

    /// <summary>
    /// Reads the sequence in chunks of at most <paramref name="chunkSize"/> bases, so that chromosome-sized records
    /// need only <paramref name="chunkSize"/> bytes of memory. A chunk never spans two records; every record ends with a
    /// chunk whose <see cref="SequenceChunk.IsRecordEnd"/> is true (a record without bases gives one empty chunk).
    /// </summary>
    /// <remarks>The chunk's memory is reused: it is valid only until the enumerator moves on.</remarks>
    /// <param name="chunkSize">Maximum bases per chunk (at least 1).</param>
    public IEnumerable<SequenceChunk> ReadChunks(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return ReadChunksCore(chunkSize);
    }

    /// <inheritdoc/>
    public void Dispose() => _input.Dispose();

    private IEnumerable<SequenceChunk> ReadChunksCore(int chunkSize)
    {
        BeginEnumeration();
        var chunk = new byte[chunkSize];
        while (TryReadHeader(out var id, out _))
        {
            long offset = 0;
            var filled = 0;
            while (true)
            {
                filled += ReadBases(chunk.AsSpan(filled), out var recordEnd);
                if (recordEnd)
                {
                    yield return new SequenceChunk(id, offset, chunk.AsMemory(0, filled), true);
                    break;
                }

                if (filled == chunkSize)
                {
                    // ReadBases saw another base waiting, so this chunk is not the record's last.
                    yield return new SequenceChunk(id, offset, chunk.AsMemory(0, filled), false);
                    offset += filled;
                    filled = 0;
                }
            }
        }
    }

    private void BeginEnumeration()
    {
        if (_started)
        {
            throw new InvalidOperationException($"{SourceName}: a FastaReader reads its input once; open a new reader to read again.");
        }

        _started = true;
    }

    /// <summary>Reads the next header line; false at the end of the input.</summary>
    private bool TryReadHeader(out string id, out string description)
    {
        while (true)
        {
            if (!_input.HasByte())
            {
                if (_records == 0)
                {
                    throw _input.Error(_input.SawData
                        ? "no FASTA record: expected a header line starting with '>'."
                        : "empty file: expected a FASTA header line starting with '>'.");
                }

                id = description = string.Empty;
                return false;
            }

            var first = _input.Buffer[_input.Pos];
            if (first == (byte)'>')
            {
                break;
            }

            if (first is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
            {
                // Blank lines before the first header.
                _input.Pos++;
                if (first == (byte)'\n')
                {
                    _input.NewLine();
                }

                continue;
            }

            throw _input.Error(ByteInput.SequenceLetters.Contains(first)
                ? $"sequence before any header: expected a header line starting with '>', found {ByteInput.Describe(first)}."
                : $"expected a FASTA header line starting with '>', found {ByteInput.Describe(first)}.");
        }

        var line = _input.Line;
        _input.TryReadLine(out var header);
        header = header[1..];
        _input.CheckText(header, line);
        (id, description) = ByteInput.SplitHeader(header);
        _atLineStart = true;
        _records++;
        return true;
    }

    /// <summary>
    /// Copies bases of the current record into <paramref name="destination"/>. <paramref name="recordEnd"/> is true when
    /// the record has no more bases (the next header or the end of the input follows); when false, at least one more
    /// base is waiting.
    /// </summary>
    private int ReadBases(Span<byte> destination, out bool recordEnd)
    {
        var written = 0;
        var input = _input;
        while (true)
        {
            if (input.Pos == input.End && !input.Fill())
            {
                recordEnd = true;
                return written;
            }

            var buffer = input.Buffer;
            var b = buffer[input.Pos];
            if (_atLineStart)
            {
                if (b == (byte)'>')
                {
                    recordEnd = true;
                    return written;
                }

                _atLineStart = false;
            }

            switch (b)
            {
                case (byte)'\n':
                    input.Pos++;
                    input.NewLine();
                    _atLineStart = true;
                    continue;
                case (byte)'\r' or (byte)' ' or (byte)'\t':
                    input.Pos++;
                    continue;
            }

            if (written == destination.Length)
            {
                recordEnd = false;
                return written;
            }

            var available = buffer.AsSpan(input.Pos, Math.Min(input.End - input.Pos, destination.Length - written));
            var stop = available.IndexOfAnyExcept(ByteInput.SequenceLetters);
            if (stop == 0)
            {
                throw input.Error($"unexpected {ByteInput.Describe(b)} at column {input.Column}: expected sequence letters.");
            }

            if (stop < 0)
            {
                stop = available.Length;
            }

            available[..stop].CopyTo(destination[written..]);
            written += stop;
            input.Pos += stop;
        }
    }
}

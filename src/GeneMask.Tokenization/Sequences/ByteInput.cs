using System.Buffers;
using System.Text;

namespace GeneMask.Tokenization;

/// <summary>A forward-only byte buffer over a stream that keeps line numbers for error messages.</summary>
internal sealed class ByteInput : IDisposable
{
    public const int DefaultBufferSize = 256 * 1024;

    /// <summary>Letters that may appear in sequence lines (IUPAC codes, either case), plus gap and stop symbols.</summary>
    public static readonly SearchValues<byte> SequenceLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-*"u8);

    private readonly Stream _stream;
    private bool _eof;
    private bool _startChecked;

    public ByteInput(Stream stream, string sourceName, int bufferSize = DefaultBufferSize)
    {
        _stream = stream;
        SourceName = sourceName;
        Buffer = new byte[bufferSize];
    }

    public string SourceName { get; }

    public byte[] Buffer { get; private set; }

    /// <summary>Next unread byte.</summary>
    public int Pos { get; set; }

    /// <summary>End of the valid bytes.</summary>
    public int End { get; private set; }

    /// <summary>The 1-based number of the line holding <see cref="Pos"/>.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>Whether anything at all was read from the stream.</summary>
    public bool SawData { get; private set; }

    private long BufferOffset { get; set; }

    private long LineStart { get; set; }

    /// <summary>The 1-based column of <see cref="Pos"/>.</summary>
    public long Column => BufferOffset + Pos - LineStart + 1;

    /// <summary>Records that the byte before <see cref="Pos"/> was a line feed.</summary>
    public void NewLine()
    {
        Line++;
        LineStart = BufferOffset + Pos;
    }

    /// <summary>Reads more bytes, keeping those from <see cref="Pos"/> on; false at the end of the stream.</summary>
    public bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        if (Pos > 0)
        {
            var kept = End - Pos;
            Buffer.AsSpan(Pos, kept).CopyTo(Buffer);
            BufferOffset += Pos;
            Pos = 0;
            End = kept;
        }
        else if (End == Buffer.Length)
        {
            var larger = new byte[Buffer.Length * 2];
            Buffer.AsSpan(0, End).CopyTo(larger);
            Buffer = larger;
        }

        var read = _stream.Read(Buffer, End, Buffer.Length - End);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        SawData = true;
        End += read;
        if (!_startChecked)
        {
            // A UTF-8 byte-order mark (text editors on Windows write one) is not part of the content. The first read
            // may be short (a peeking stream returns its peeked bytes alone), so read on until three bytes are here.
            _startChecked = true;
            while (End < 3 && (read = _stream.Read(Buffer, End, Buffer.Length - End)) > 0)
            {
                End += read;
            }

            if (End >= 3 && Buffer[0] == 0xEF && Buffer[1] == 0xBB && Buffer[2] == 0xBF)
            {
                Pos = 3;
                LineStart = 3;
            }
        }

        return true;
    }

    /// <summary>Whether at least one unread byte is available (reading more if needed).</summary>
    public bool HasByte() => Pos < End || Fill();

    /// <summary>
    /// Reads the rest of the current line (without the line feed and a trailing carriage return) and moves to the next
    /// line; false at the end of the stream. The span is valid until the next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var searchFrom = Pos;
        while (true)
        {
            var newline = Buffer.AsSpan(searchFrom, End - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = searchFrom - Pos + newline;
                line = TrimCarriageReturn(Buffer.AsSpan(Pos, length));
                Pos += length + 1;
                NewLine();
                return true;
            }

            var scanned = End - Pos;
            if (!Fill())
            {
                if (Pos == End)
                {
                    line = default;
                    return false;
                }

                line = TrimCarriageReturn(Buffer.AsSpan(Pos, End - Pos));
                Pos = End;
                return true;
            }

            searchFrom = Pos + scanned;
        }
    }

    public SequenceFormatException Error(string problem) => new(SourceName, Line, problem);

    public SequenceFormatException Error(long line, string problem) => new(SourceName, line, problem);

    /// <summary>Describes an unexpected byte for an error message.</summary>
    public static string Describe(byte value) =>
        value is >= 0x20 and < 0x7F ? $"'{(char)value}'" : $"byte 0x{value:X2} (binary data?)";

    /// <summary>Throws if a header holds control bytes, which only binary data has.</summary>
    public void CheckText(ReadOnlySpan<byte> text, long line)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                throw Error(line, $"unexpected {Describe(b)} at column {i + 1}: expected text.");
            }
        }
    }

    /// <summary>Splits a header (without its leading marker) into the name and the description.</summary>
    public static (string Id, string Description) SplitHeader(ReadOnlySpan<byte> header)
    {
        var space = header.IndexOfAny((byte)' ', (byte)'\t');
        if (space < 0)
        {
            return (Encoding.UTF8.GetString(header), string.Empty);
        }

        return (Encoding.UTF8.GetString(header[..space]), Encoding.UTF8.GetString(header[(space + 1)..]).Trim());
    }

    public void Dispose() => _stream.Dispose();

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}

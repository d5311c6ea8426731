using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GeneMask.Tokenization;

/// <summary>
/// Random access to a binary token corpus (<see cref="TokenCorpusFormat"/>): rows of k-mer ids without [CLS]/[SEP].
/// </summary>
/// <remarks>
/// The offsets table is loaded at open (8 bytes per row); rows are read from the file on demand. Reading is
/// thread-safe: any number of threads may call <see cref="CopyRow"/> at once.
/// </remarks>
public sealed class TokenCorpus : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long[] _offsets;
    private readonly int _idWidth;

    private TokenCorpus(string path, SafeFileHandle file, int k, int idWidth, int vocabularySize, long[] offsets)
    {
        Path = path;
        _file = file;
        K = k;
        _idWidth = idWidth;
        VocabularySize = vocabularySize;
        _offsets = offsets;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The k of the k-mer ids.</summary>
    public int K { get; }

    /// <summary>Every id is below this (DNABERT: 5 + 4^k).</summary>
    public int VocabularySize { get; }

    /// <summary>Number of rows.</summary>
    public long RowCount => _offsets.Length - 1;

    /// <summary>Number of tokens in all rows.</summary>
    public long TokenCount => _offsets[^1];

    /// <summary>Length of the longest row.</summary>
    public int MaxRowLength { get; private init; }

    /// <summary>Opens a token corpus file.</summary>
    /// <exception cref="GeneMaskFormatException">The file is not a valid token corpus; the message names the file and the problem.</exception>
    public static TokenCorpus Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            return Load(path, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Number of tokens in a row.</summary>
    public int RowLength(long row)
    {
        CheckRow(row);
        return (int)(_offsets[row + 1] - _offsets[row]);
    }

    /// <summary>Writes the k-mer ids of a row into <paramref name="destination"/> and returns their number.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the row.</exception>
    /// <exception cref="GeneMaskFormatException">The row holds an id outside the vocabulary (a corrupt file).</exception>
    public int CopyRow(long row, Span<int> destination)
    {
        var length = RowLength(row);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} ids; row {row} has {length}.", nameof(destination));
        }

        var byteCount = length * _idWidth;
        var position = TokenCorpusFormat.HeaderSize + (_offsets[row] * _idWidth);
        byte[]? rented = null;
        var bytes = byteCount <= 4096 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        try
        {
            var read = RandomAccess.Read(_file, bytes, position);
            if (read != byteCount)
            {
                throw Corrupt($"row {row} ends past the end of the file");
            }

            var target = destination[..length];
            if (_idWidth == 2)
            {
                var ids = MemoryMarshal.Cast<byte, ushort>(bytes);
                for (var i = 0; i < ids.Length; i++)
                {
                    target[i] = BitConverter.IsLittleEndian ? ids[i] : BinaryPrimitives.ReverseEndianness(ids[i]);
                }
            }
            else
            {
                var ids = MemoryMarshal.Cast<byte, int>(bytes);
                for (var i = 0; i < ids.Length; i++)
                {
                    target[i] = BitConverter.IsLittleEndian ? ids[i] : BinaryPrimitives.ReverseEndianness(ids[i]);
                }
            }

            for (var i = 0; i < target.Length; i++)
            {
                if ((uint)target[i] >= (uint)VocabularySize)
                {
                    throw Corrupt($"row {row} holds id {target[i]}, outside the vocabulary of {VocabularySize}");
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return length;
    }

    /// <summary>The k-mer ids of a row in a new array.</summary>
    public int[] GetRow(long row)
    {
        var ids = new int[RowLength(row)];
        CopyRow(row, ids);
        return ids;
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();

    private static TokenCorpus Load(string path, SafeFileHandle file)
    {
        GeneMaskFormatException Bad(string problem) => new($"{path}: not a valid GeneMask token corpus: {problem}.");

        var length = RandomAccess.GetLength(file);
        Span<byte> header = stackalloc byte[TokenCorpusFormat.HeaderSize];
        if (length < TokenCorpusFormat.HeaderSize || RandomAccess.Read(file, header, 0) != header.Length)
        {
            throw Bad($"the file has {length} bytes, fewer than the {TokenCorpusFormat.HeaderSize}-byte header");
        }

        if (!header[..8].SequenceEqual(TokenCorpusFormat.Magic))
        {
            throw Bad("the file does not start with the magic bytes 'GMTOKENS'");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version != TokenCorpusFormat.Version)
        {
            throw Bad($"format version {version} is not supported (expected {TokenCorpusFormat.Version})");
        }

        var k = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var idWidth = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        var vocabularySize = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        var rows = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        var tokens = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        var offsetsPosition = BinaryPrimitives.ReadInt64LittleEndian(header[40..]);
        if (k is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
        {
            throw Bad($"k = {k} is outside {KmerTokenizer.MinK}..{KmerTokenizer.MaxK}");
        }

        if (idWidth is not (2 or 4) || vocabularySize <= 0 || idWidth != TokenCorpusFormat.IdWidth(vocabularySize))
        {
            throw Bad($"id width {idWidth} does not fit vocabulary size {vocabularySize}");
        }

        if (rows < 0 || tokens < 0 || rows > (length / 8) || offsetsPosition != TokenCorpusFormat.HeaderSize + (tokens * idWidth)
            || length != offsetsPosition + ((rows + 1) * 8))
        {
            throw Bad($"the header ({rows} rows, {tokens} tokens) does not match the file length {length} (truncated or overwritten?)");
        }

        var offsets = new long[rows + 1];
        var offsetBytes = MemoryMarshal.AsBytes(offsets.AsSpan());
        if (RandomAccess.Read(file, offsetBytes, offsetsPosition) != offsetBytes.Length)
        {
            throw Bad("the offsets table is cut short");
        }

        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = BinaryPrimitives.ReverseEndianness(offsets[i]);
            }
        }

        if (offsets[0] != 0 || offsets[^1] != tokens)
        {
            throw Bad($"the offsets table must run from 0 to {tokens}");
        }

        var longest = 0L;
        for (var r = 0; r < rows; r++)
        {
            var rowLength = offsets[r + 1] - offsets[r];
            if (rowLength < 0 || rowLength > int.MaxValue)
            {
                throw Bad($"row {r} has an invalid length {rowLength}");
            }

            longest = Math.Max(longest, rowLength);
        }

        return new TokenCorpus(path, file, k, idWidth, vocabularySize, offsets) { MaxRowLength = (int)longest };
    }

    private void CheckRow(long row)
    {
        if ((ulong)row >= (ulong)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"{Path} has rows 0 to {RowCount - 1}.");
        }
    }

    private GeneMaskFormatException Corrupt(string problem) => new($"{Path}: corrupt GeneMask token corpus: {problem}.");
}

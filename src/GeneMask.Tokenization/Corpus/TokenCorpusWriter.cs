using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GeneMask.Tokenization;

/// <summary>
/// Writes a binary token corpus (<see cref="TokenCorpusFormat"/>) row by row. The file appears under its name only when
/// <see cref="Complete"/> succeeds (temporary file + rename); disposing without completing deletes the temporary file.
/// </summary>
public sealed class TokenCorpusWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly FileStream _stream;
    private readonly int _idWidth;
    private readonly List<long> _offsets = [0];
    private readonly byte[] _encodeBuffer = new byte[64 * 1024];
    private long _tokens;
    private bool _completed;
    private bool _disposed;

    private TokenCorpusWriter(string path, int k, int vocabularySize)
    {
        _path = Path.GetFullPath(path);
        K = k;
        VocabularySize = vocabularySize;
        _idWidth = TokenCorpusFormat.IdWidth(vocabularySize);
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        _temporaryPath = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _stream.Write(new byte[TokenCorpusFormat.HeaderSize]); // filled in by Complete
    }

    /// <summary>The k of the k-mer ids.</summary>
    public int K { get; }

    /// <summary>Ids must be below this.</summary>
    public int VocabularySize { get; }

    /// <summary>Rows written so far.</summary>
    public long RowCount => _offsets.Count - 1;

    /// <summary>Tokens written so far.</summary>
    public long TokenCount => _tokens;

    /// <summary>Starts a token corpus of DNABERT k-mer ids (vocabulary 5 + 4^k) at <paramref name="path"/>.</summary>
    public static TokenCorpusWriter Create(string path, int k = KmerTokenizer.DefaultK)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tokenizer = KmerTokenizer.Create(k);
        return new TokenCorpusWriter(path, k, tokenizer.VocabularySize);
    }

    /// <summary>Appends one row of token ids (each in [0, <see cref="VocabularySize"/>)).</summary>
    public void AddRow(ReadOnlySpan<int> ids)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The token corpus is already complete.");
        }

        var perBuffer = _encodeBuffer.Length / _idWidth;
        var remaining = ids;
        while (!remaining.IsEmpty)
        {
            var part = remaining[..Math.Min(perBuffer, remaining.Length)];
            var bytes = _encodeBuffer.AsSpan(0, part.Length * _idWidth);
            for (var i = 0; i < part.Length; i++)
            {
                var id = part[i];
                if ((uint)id >= (uint)VocabularySize)
                {
                    throw new ArgumentOutOfRangeException(nameof(ids), id, $"Row {RowCount}: token ids must be between 0 and {VocabularySize - 1}.");
                }
            }

            if (_idWidth == 2)
            {
                var target = MemoryMarshal.Cast<byte, ushort>(bytes);
                for (var i = 0; i < part.Length; i++)
                {
                    target[i] = BitConverter.IsLittleEndian ? (ushort)part[i] : BinaryPrimitives.ReverseEndianness((ushort)part[i]);
                }
            }
            else
            {
                var target = MemoryMarshal.Cast<byte, int>(bytes);
                for (var i = 0; i < part.Length; i++)
                {
                    target[i] = BitConverter.IsLittleEndian ? part[i] : BinaryPrimitives.ReverseEndianness(part[i]);
                }
            }

            _stream.Write(bytes);
            remaining = remaining[part.Length..];
        }

        _tokens += ids.Length;
        _offsets.Add(_tokens);
    }

    /// <summary>Writes the offsets table and the header, and moves the file into place.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        var buffer = new byte[8 * 4096];
        var used = 0;
        foreach (var offset in _offsets)
        {
            if (used == buffer.Length)
            {
                _stream.Write(buffer);
                used = 0;
            }

            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used), offset);
            used += 8;
        }

        _stream.Write(buffer.AsSpan(0, used));
        Span<byte> header = stackalloc byte[TokenCorpusFormat.HeaderSize];
        TokenCorpusFormat.WriteHeader(header, K, _idWidth, VocabularySize, RowCount, _tokens);
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporaryPath, _path, overwrite: true);
        _completed = true;
    }

    /// <summary>Closes the writer; without <see cref="Complete"/> the partial file is deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Dispose();
        if (!_completed)
        {
            try
            {
                File.Delete(_temporaryPath);
            }
            catch (IOException)
            {
            }
        }
    }
}

namespace GeneMask.Tokenization;

/// <summary>Opens sequence files, plain or compressed, recognising the compression by content.</summary>
public static class SequenceFile
{
    /// <summary>
    /// Opens a file for reading its decompressed content. gzip is recognised by its magic bytes (not the file name);
    /// every member is read (bgzip files are series of members) and each member's CRC-32 and length are checked, so a
    /// truncated or corrupt file throws <see cref="SequenceFormatException"/> naming the file instead of ending early.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>A forward-only stream of the decompressed bytes; dispose it.</returns>
    public static Stream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            return OpenRead(file, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps a stream so that gzip content (recognised by its magic bytes) is decompressed and checked as by
    /// <see cref="OpenRead(string)"/>; other content is passed through. The returned stream owns <paramref name="stream"/>.
    /// </summary>
    /// <param name="stream">The raw bytes.</param>
    /// <param name="sourceName">Name used in error messages (a file name).</param>
    public static Stream OpenRead(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var peek = new PeekStream(stream);
        Span<byte> magic = stackalloc byte[2];
        var count = peek.Peek(magic);
        return count == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GzipMemberStream(peek, sourceName) : peek;
    }

    /// <summary>Whether the file starts with the gzip magic bytes.</summary>
    internal static bool IsGzip(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        Span<byte> magic = stackalloc byte[2];
        return file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>A read-through stream whose first bytes can be looked at without consuming them (works unseekable).</summary>
    private sealed class PeekStream(Stream inner) : ForwardReadStream
    {
        private readonly byte[] _head = new byte[2];
        private int _headStart;
        private int _headEnd;

        public int Peek(Span<byte> destination)
        {
            _headEnd = inner.ReadAtLeast(_head.AsSpan(0, destination.Length), destination.Length, throwOnEndOfStream: false);
            _head.AsSpan(0, _headEnd).CopyTo(destination);
            return _headEnd;
        }

        public override int Read(Span<byte> buffer)
        {
            if (_headStart < _headEnd)
            {
                var n = Math.Min(buffer.Length, _headEnd - _headStart);
                _head.AsSpan(_headStart, n).CopyTo(buffer);
                _headStart += n;
                return n;
            }

            return inner.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace GeneMask.Tokenization;

/// <summary>
/// Decompresses every member of a gzip file (bgzip is a series of members) and verifies each member's trailer
/// (CRC-32 and length), so that a truncated or corrupt file fails instead of passing as a shorter one.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> reads all members but returns end-of-stream silently when the data stops early. Here each
/// member is inflated by a raw <see cref="DeflateStream"/> fed from our own buffer in bounded slices; when the deflate
/// data ends, the member's end lies inside the last slice, and the trailer is the unique 8 bytes there that match the
/// CRC-32 and size of what was inflated. The next member starts right after it.
/// </remarks>
internal sealed class GzipMemberStream : ForwardReadStream
{
    private const int FeedSlice = 16 * 1024;
    private const int BufferSize = 256 * 1024;

    private readonly Stream _raw;
    private readonly string _sourceName;
    private readonly Crc32 _crc = new();
    private byte[] _buffer = new byte[BufferSize];
    private int _start; // next unread byte of _buffer
    private int _end; // end of valid data in _buffer
    private long _bufferOffset; // file offset of _buffer[0]
    private bool _rawEnded;
    private int _sliceStart = -1; // start of the last slice handed to the inflater
    private int _previousSliceStart = -1; // and of the one before it
    private DeflateStream? _inflater;
    private long _memberStart;
    private long _memberDataOffset; // file offset of the member's deflate data
    private long _memberLength;
    private int _members;
    private bool _bgzf; // members carry the BGZF "BC" extra field: the file must end with bgzip's empty EOF member
    private bool _finished;

    public GzipMemberStream(Stream raw, string sourceName)
    {
        _raw = raw;
        _sourceName = sourceName;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_finished)
        {
            if (_inflater is null && !StartMember())
            {
                _finished = true;
                break;
            }

            int read;
            try
            {
                read = _inflater!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw Error($"corrupt gzip data in the member starting at byte {_memberStart}: {e.Message}", e);
            }

            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _memberLength += read;
                return read;
            }

            FinishMember();
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater?.Dispose();
            _raw.Dispose();
        }

        base.Dispose(disposing);
    }

    private SequenceFormatException Error(string problem, Exception? inner = null) => new(_sourceName, null, problem, inner);

    /// <summary>Parses a member header; false at the clean end of the file (after at least one member).</summary>
    private bool StartMember()
    {
        if (!Ensure(1))
        {
            if (_members == 0)
            {
                throw Error("empty gzip file.");
            }

            if (_bgzf && _memberLength != 0)
            {
                throw Error($"bgzip data truncated: the file ends after member {_members} without bgzip's end-of-file block.");
            }

            return false;
        }

        _memberStart = _bufferOffset + _start;
        Ensure(2);
        if (_end - _start < 2 || _buffer[_start] != 0x1F || _buffer[_start + 1] != 0x8B)
        {
            throw Error(_members == 0
                ? "not gzip data (expected the magic bytes 1F 8B)."
                : $"unexpected data after gzip member {_members} at byte {_memberStart} (expected another member starting with 1F 8B).");
        }

        Require(10);
        var header = _buffer.AsSpan(_start);
        if (header[2] != 8)
        {
            throw Error($"unsupported gzip compression method {header[2]} at byte {_memberStart} (expected 8, deflate).");
        }

        var flags = header[3];
        var position = 10;
        if ((flags & 0x04) != 0)
        {
            Require(position + 2);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start + position));
            Require(position + 2 + extraLength);
            if (_members == 0 && extraLength >= 4 && _buffer[_start + position + 2] == (byte)'B' && _buffer[_start + position + 3] == (byte)'C')
            {
                _bgzf = true;
            }

            position += 2 + extraLength;
        }

        if ((flags & 0x08) != 0)
        {
            position = SkipZeroTerminated(position);
        }

        if ((flags & 0x10) != 0)
        {
            position = SkipZeroTerminated(position);
        }

        if ((flags & 0x02) != 0)
        {
            position += 2;
        }

        Require(position);
        _start += position;
        _memberDataOffset = _bufferOffset + _start;
        _sliceStart = -1;
        _previousSliceStart = -1;
        _crc.Reset();
        _memberLength = 0;
        _members++;
        _inflater = new DeflateStream(new Feed(this), CompressionMode.Decompress, leaveOpen: false);
        return true;
    }

    private int SkipZeroTerminated(int position)
    {
        while (true)
        {
            Require(position + 1);
            if (_buffer[_start + position++] == 0)
            {
                return position;
            }
        }
    }

    private void Require(int count)
    {
        if (!Ensure(count))
        {
            throw Error($"gzip data truncated: incomplete member header at byte {_memberStart}.");
        }
    }

    /// <summary>Locates the trailer that matches what the member inflated to, checks it, and moves past it.</summary>
    private void FinishMember()
    {
        _inflater!.Dispose();
        _inflater = null;
        var crc = _crc.GetCurrentHashAsUInt32();
        var size = (uint)_memberLength;
        // The deflate data ends within the last slice; the slice before it is searched too in case the inflater asked for
        // more input before noticing the end.
        var first = _previousSliceStart >= 0 ? _previousSliceStart : _sliceStart >= 0 ? _sliceStart : _start;
        var shift = Ensure(first, _start - first + 8 + 2);
        first -= shift;
        var last = _start; // the deflate data ends within [first, last]

        // Valid deflate data takes at least 2 bytes; without this bound the empty member that ends a bgzip file
        // ("03 00" then eight zero bytes) would also match one byte early, and hide a file cut by one byte.
        first = (int)Math.Max(first, _memberDataOffset + 2 - _bufferOffset);

        // The trailer is where CRC-32 and size match; a real one is followed by the next member or the end of the file.
        var found = -1;
        for (var pass = 0; pass < 2 && found < 0; pass++)
        {
            for (var candidate = first; candidate <= last && candidate + 8 <= _end; candidate++)
            {
                var trailer = _buffer.AsSpan(candidate, 8);
                if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != size)
                {
                    continue;
                }

                var next = candidate + 8;
                if (pass == 1 || (next == _end && _rawEnded) || (next + 2 <= _end && _buffer[next] == 0x1F && _buffer[next + 1] == 0x8B))
                {
                    found = candidate;
                    break;
                }
            }
        }

        if (found >= 0)
        {
            _start = found + 8;
            return;
        }

        throw Error(_rawEnded && last + 8 > _end
            ? $"gzip data truncated or corrupt: the member starting at byte {_memberStart} ends before its trailer (file cut short or still being written?)."
            : $"corrupt gzip data: the member starting at byte {_memberStart} does not match its CRC-32/length trailer.");
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available; false if the file ends first.</summary>
    private bool Ensure(int count)
    {
        Ensure(_start, count);
        return _end - _start >= count;
    }

    /// <summary>
    /// Makes <paramref name="count"/> bytes from buffer index <paramref name="keepFrom"/> available if the file has them,
    /// moving data to the front of the buffer; returns how far indices moved.
    /// </summary>
    private int Ensure(int keepFrom, int count)
    {
        var shift = 0;
        while (_end - keepFrom < count && !_rawEnded)
        {
            if (keepFrom + count > _buffer.Length)
            {
                if (keepFrom > 0)
                {
                    Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, _end - keepFrom);
                    _bufferOffset += keepFrom;
                    _end -= keepFrom;
                    _start -= keepFrom;
                    if (_sliceStart >= 0)
                    {
                        _sliceStart -= keepFrom;
                    }

                    if (_previousSliceStart >= 0)
                    {
                        _previousSliceStart -= keepFrom;
                    }

                    shift += keepFrom;
                    keepFrom = 0;
                }

                if (count > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
                }
            }

            var read = _raw.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _rawEnded = true;
            }

            _end += read;
        }

        return shift;
    }

    /// <summary>Hands the inflater bounded slices of the buffer, remembering where the last slice started.</summary>
    private sealed class Feed(GzipMemberStream owner) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            // Keep the current slice in the buffer: it may hold the end of the member.
            var keepFrom = owner._sliceStart >= 0 ? owner._sliceStart : owner._start;
            owner.Ensure(keepFrom, owner._start - keepFrom + 1);
            if (owner._end == owner._start)
            {
                return 0;
            }

            var count = Math.Min(Math.Min(buffer.Length, FeedSlice), owner._end - owner._start);
            owner._previousSliceStart = owner._sliceStart;
            owner._sliceStart = owner._start;
            owner._buffer.AsSpan(owner._start, count).CopyTo(buffer);
            owner._start += count;
            return count;
        }

    }
}

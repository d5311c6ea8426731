using System.Buffers.Binary;

namespace GeneMask.Tokenization;

/// <summary>
/// The binary token corpus format (<c>.tokens</c>) shared by <see cref="TokenCorpusWriter"/> and <see cref="TokenCorpus"/>.
/// </summary>
/// <remarks>
/// All numbers little-endian. Layout:
/// <list type="table">
/// <item><term>bytes 0–7</term><description>magic <c>GMTOKENS</c> (ASCII)</description></item>
/// <item><term>8–11</term><description>format version (uint32, currently 1)</description></item>
/// <item><term>12–15</term><description>k (int32)</description></item>
/// <item><term>16–19</term><description>bytes per token id (uint32): 2 (uint16) when the vocabulary has at most 65 536 ids, else 4 (int32)</description></item>
/// <item><term>20–23</term><description>vocabulary size (int32): every id is below it</description></item>
/// <item><term>24–31</term><description>row count R (int64)</description></item>
/// <item><term>32–39</term><description>token count T (int64)</description></item>
/// <item><term>40–47</term><description>byte position of the offsets table (int64) = 64 + T × id width</description></item>
/// <item><term>48–63</term><description>reserved, zero</description></item>
/// <item><term>64 …</term><description>the token ids of all rows, row after row (k-mer ids only: no [CLS]/[SEP])</description></item>
/// <item><term>offsets table</term><description>R + 1 int64 token offsets; row r is tokens [offset r, offset r+1); the first is 0, the last T</description></item>
/// </list>
/// The file length is exactly the offsets position + (R + 1) × 8. The offsets come last so that a writer can stream rows.
/// </remarks>
public static class TokenCorpusFormat
{
    /// <summary>The current format version.</summary>
    public const int Version = 1;

    /// <summary>Size of the header in bytes.</summary>
    public const int HeaderSize = 64;

    /// <summary>The magic bytes that start every token corpus file.</summary>
    public static ReadOnlySpan<byte> Magic => "GMTOKENS"u8;

    /// <summary>The bytes per id for a vocabulary size: 2 up to 65 536 ids, else 4.</summary>
    public static int IdWidth(int vocabularySize) => vocabularySize <= 65_536 ? 2 : 4;

    internal static void WriteHeader(Span<byte> header, int k, int idWidth, int vocabularySize, long rows, long tokens)
    {
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], k);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)idWidth);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], vocabularySize);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], rows);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], tokens);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], HeaderSize + (tokens * idWidth));
    }
}

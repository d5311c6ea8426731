namespace GeneMask.Tokenization;

/// <summary>
/// A piece of one record's sequence, as returned by <see cref="FastaReader.ReadChunks(int)"/>.
/// </summary>
/// <param name="RecordId">The name of the record the chunk belongs to.</param>
/// <param name="Offset">Position of the chunk's first base within its record (0-based).</param>
/// <param name="Bases">
/// The bases (ASCII, case kept). The memory belongs to the reader and is overwritten when the enumeration moves on:
/// copy what you need to keep.
/// </param>
/// <param name="IsRecordEnd">Whether this is the last chunk of the record.</param>
public readonly record struct SequenceChunk(string RecordId, long Offset, ReadOnlyMemory<byte> Bases, bool IsRecordEnd);

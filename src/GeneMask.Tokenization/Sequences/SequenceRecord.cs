namespace GeneMask.Tokenization;

/// <summary>One FASTA record.</summary>
/// <param name="Id">The name: the header up to the first white space, without the leading <c>&gt;</c>.</param>
/// <param name="Description">The rest of the header after the name (trimmed; empty if none).</param>
/// <param name="Bases">The sequence as ASCII letters exactly as in the file (case kept: lower case is soft-masked), without line breaks.</param>
public sealed record SequenceRecord(string Id, string Description, byte[] Bases);

/// <summary>One FASTQ record.</summary>
/// <param name="Id">The name: the header up to the first white space, without the leading <c>@</c>.</param>
/// <param name="Description">The rest of the header after the name (trimmed; empty if none).</param>
/// <param name="Bases">The sequence as ASCII letters exactly as in the file.</param>
/// <param name="Qualities">The quality string as ASCII bytes (Phred + 33 in current files), as long as <paramref name="Bases"/>.</param>
public sealed record FastqRecord(string Id, string Description, byte[] Bases, byte[] Qualities);

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

namespace GeneMask.Tokenization;

/// <summary>One FASTA record.</summary>
/// <param name="Id">The name: the header up to the first white space, without the leading <c>&gt;</c>.</param>
/// <param name="Description">The rest of the header after the name (trimmed; empty if none).</param>
/// <param name="Bases">The sequence as ASCII letters exactly as in the file (case kept: lower case is soft-masked), without line breaks.</param>
public sealed record SequenceRecord(string Id, string Description, byte[] Bases);

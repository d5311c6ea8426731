namespace GeneMask.Tokenization;

/// <summary>One FASTQ record.</summary>
/// <param name="Id">The name: the header up to the first white space, without the leading <c>@</c>.</param>
/// <param name="Description">The rest of the header after the name (trimmed; empty if none).</param>
/// <param name="Bases">The sequence as ASCII letters exactly as in the file.</param>
/// <param name="Qualities">The quality string as ASCII bytes (Phred + 33 in current files), as long as <paramref name="Bases"/>.</param>
public sealed record FastqRecord(string Id, string Description, byte[] Bases, byte[] Qualities);

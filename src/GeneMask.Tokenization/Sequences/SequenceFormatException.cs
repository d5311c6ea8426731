namespace GeneMask.Tokenization;

/// <summary>
/// A sequence file (FASTA, FASTQ, gzip container) is malformed. The message names the file, the line (or byte
/// offset for compressed data) and what was expected.
/// </summary>
public sealed class SequenceFormatException : GeneMaskFormatException
{
    /// <summary>Creates an exception with the default message.</summary>
    public SequenceFormatException()
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public SequenceFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a plain message and an inner exception.</summary>
    public SequenceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc cref="GeneMaskFormatException(string, long?, string, Exception?)"/>
    public SequenceFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(sourceName, lineNumber, problem, innerException)
    {
    }
}

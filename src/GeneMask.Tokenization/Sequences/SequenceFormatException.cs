namespace GeneMask.Tokenization;

/// <summary>
/// A sequence file (FASTA, FASTQ, gzip container) is malformed. The message names the file, the line (or byte
/// offset for compressed data) and what was expected.
/// </summary>
public sealed class SequenceFormatException : FormatException
{
    /// <summary>Creates an exception with a plain message.</summary>
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

    /// <summary>Creates an exception for a file and line: the message reads <c>"{source}, line {line}: {problem}"</c>.</summary>
    /// <param name="sourceName">The file (or stream) name.</param>
    /// <param name="lineNumber">The 1-based line number, or null when the error has no line (compressed data).</param>
    /// <param name="problem">What was found and what was expected.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SequenceFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(Compose(sourceName, lineNumber, problem), innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
    }

    /// <summary>The file or stream name, when known.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line number, when the error has one.</summary>
    public long? LineNumber { get; }

    private static string Compose(string sourceName, long? lineNumber, string problem) =>
        lineNumber is { } line ? $"{sourceName}, line {line}: {problem}" : $"{sourceName}: {problem}";
}

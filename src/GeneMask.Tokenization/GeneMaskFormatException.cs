namespace GeneMask.Tokenization;

/// <summary>
/// Malformed input anywhere in GeneMask: a file or text that does not hold what its reader expects. The message names
/// the file (or stream), the line when there is one, and what was expected; <see cref="SourceName"/> and
/// <see cref="LineNumber"/> carry them for programs. Catch this type to handle every bad-input error of the GeneMask
/// packages; the subclasses say which kind of file it was (docs/errors.md lists them).
/// </summary>
public class GeneMaskFormatException : FormatException
{
    /// <summary>Creates an exception with the default message.</summary>
    public GeneMaskFormatException()
    {
    }

    /// <summary>Creates an exception with a message that already names the source.</summary>
    public GeneMaskFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message that already names the source, and the underlying error.</summary>
    public GeneMaskFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a file and line: the message reads <c>"{source}, line {line}: {problem}"</c>.</summary>
    /// <param name="sourceName">The file (or stream) name.</param>
    /// <param name="lineNumber">The 1-based line number, or null when the problem has no line (binary or compressed data, the file as a whole).</param>
    /// <param name="problem">What was found and what was expected.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public GeneMaskFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(Compose(sourceName, lineNumber, problem), innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
    }

    /// <summary>The file or stream name, when known.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line number, when the problem has one.</summary>
    public long? LineNumber { get; }

    private static string Compose(string sourceName, long? lineNumber, string problem) =>
        lineNumber is { } line ? $"{sourceName}, line {line}: {problem}" : $"{sourceName}: {problem}";
}

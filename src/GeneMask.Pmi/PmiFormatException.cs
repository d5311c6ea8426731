using GeneMask.Tokenization;

namespace GeneMask.Pmi;

/// <summary>
/// A PMI table (CSV), an n-gram counts file (binary or CSV) or a counting input is malformed or holds nothing to count;
/// the message names the file, the line when there is one, and what was expected.
/// </summary>
public sealed class PmiFormatException : GeneMaskFormatException
{
    /// <summary>Creates an exception with the default message.</summary>
    public PmiFormatException()
    {
    }

    /// <summary>Creates an exception with a message that already names the source.</summary>
    public PmiFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message that already names the source, and the underlying error.</summary>
    public PmiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc cref="GeneMaskFormatException(string, long?, string, Exception?)"/>
    public PmiFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(sourceName, lineNumber, problem, innerException)
    {
    }
}

namespace GeneMask.Tokenization;

/// <summary>A k-mer vocabulary file (DNABERT <c>vocab.txt</c>) is malformed or not in DNABERT's order.</summary>
public sealed class VocabularyFormatException : GeneMaskFormatException
{
    /// <summary>Creates an exception with the default message.</summary>
    public VocabularyFormatException()
    {
    }

    /// <summary>Creates an exception with a message that already names the source.</summary>
    public VocabularyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message that already names the source, and the underlying error.</summary>
    public VocabularyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc cref="GeneMaskFormatException(string, long?, string, Exception?)"/>
    public VocabularyFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(sourceName, lineNumber, problem, innerException)
    {
    }
}

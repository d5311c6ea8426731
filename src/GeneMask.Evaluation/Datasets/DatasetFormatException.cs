using GeneMask.Tokenization;

namespace GeneMask.Evaluation.Datasets;

/// <summary>A dataset file does not hold what its task promises; the message names the file, the line and what was expected.</summary>
public sealed class DatasetFormatException : GeneMaskFormatException
{
    /// <summary>Creates an exception with the default message.</summary>
    public DatasetFormatException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public DatasetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="filePath"/>, at <paramref name="lineNumber"/> (1-based; 0 = the file as a whole).</summary>
    public DatasetFormatException(string filePath, int lineNumber, string problem)
        : base(filePath, lineNumber > 0 ? lineNumber : null, problem)
    {
    }

    /// <summary>The offending file, or null (the same as <see cref="GeneMaskFormatException.SourceName"/>).</summary>
    public string? FilePath => SourceName;
}

namespace GeneMask.Evaluation.Datasets;

/// <summary>A dataset file does not hold what its task promises; the message names the file, the line and what was expected.</summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates an exception with a message only.</summary>
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
        : base(lineNumber > 0 ? $"{filePath}, line {lineNumber}: {problem}" : $"{filePath}: {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>The offending file, or null.</summary>
    public string? FilePath { get; }

    /// <summary>The offending line (1-based), or 0 when the problem concerns the whole file.</summary>
    public int LineNumber { get; }
}

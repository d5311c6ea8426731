namespace GeneMask.Infrastructure;

/// <summary>
/// A stored result was produced from other inputs or settings than the result asked for (their
/// <see cref="ResultIdentity"/> differs): reusing it would report one run's numbers as another's, so it is refused
/// before anything is written. Use another output folder, or delete the stored result to compute it again.
/// </summary>
public sealed class ResultMismatchException : IOException
{
    /// <summary>Creates the exception for the stored result at <paramref name="path"/>.</summary>
    /// <param name="path">The file that holds the stored result.</param>
    /// <param name="what">What the result is, for the message (e.g. <c>the pretraining of kmer-span</c>).</param>
    /// <param name="differences">Every part that differs.</param>
    public ResultMismatchException(string path, string what, IReadOnlyList<IdentityDifference> differences)
        : base($"{path} holds {what} of other inputs or settings ({string.Join("; ", (differences ?? throw new ArgumentNullException(nameof(differences))).Select(d => d.ToString()))}). Use another output folder, or delete that file to compute it again.")
    {
        Path = path;
        Differences = differences;
    }

    /// <summary>Creates the exception.</summary>
    public ResultMismatchException()
        : this("A stored result was produced from other inputs or settings.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ResultMismatchException(string message)
        : base(message)
    {
        Path = string.Empty;
        Differences = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ResultMismatchException(string message, Exception inner)
        : base(message, inner)
    {
        Path = string.Empty;
        Differences = [];
    }

    /// <summary>The file that holds the stored result.</summary>
    public string Path { get; }

    /// <summary>Every part of the identity that differs.</summary>
    public IReadOnlyList<IdentityDifference> Differences { get; }
}

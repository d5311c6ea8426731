namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// The output folder holds a checkpoint or a finished result of a different run (see <see cref="RunFingerprint"/>):
/// resuming or reusing it would mix two runs. Start over (<see cref="PretrainingOptions.Resume"/> = false) or use
/// another output folder.
/// </summary>
public sealed class RunMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception for the file <paramref name="path"/> of the other run.</summary>
    public RunMismatchException(string path, IReadOnlyList<RunDifference> differences)
        : base($"{path} belongs to a different run: {string.Join(", ", (differences ?? throw new ArgumentNullException(nameof(differences))).Select(d => d.ToString()))}.")
    {
        Path = path;
        Differences = differences;
    }

    /// <summary>Creates the exception.</summary>
    public RunMismatchException()
        : this("The output folder belongs to a different run.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunMismatchException(string message)
        : base(message)
    {
        Path = string.Empty;
        Differences = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RunMismatchException(string message, Exception inner)
        : base(message, inner)
    {
        Path = string.Empty;
        Differences = [];
    }

    /// <summary>The checkpoint or marker of the other run.</summary>
    public string Path { get; }

    /// <summary>What differs.</summary>
    public IReadOnlyList<RunDifference> Differences { get; }
}

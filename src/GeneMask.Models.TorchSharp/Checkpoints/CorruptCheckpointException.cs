using GeneMask.Tokenization;

namespace GeneMask.Models.TorchSharp.Checkpoints;

/// <summary>
/// A training checkpoint is truncated, damaged (its checksum does not match), or in an earlier format: it cannot be
/// resumed from (a <see cref="CheckpointFormatException"/>). Start the run over (<see cref="Training.PretrainingOptions.Resume"/> = false) or delete the file.
/// </summary>
public sealed class CorruptCheckpointException : CheckpointFormatException
{
    /// <summary>Creates the exception for the checkpoint at <paramref name="path"/>.</summary>
    public CorruptCheckpointException(string path, string message)
        : base(message) => Path = path;

    /// <summary>Creates the exception.</summary>
    public CorruptCheckpointException()
        : this(string.Empty, "The training checkpoint is corrupt.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptCheckpointException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CorruptCheckpointException(string message, Exception inner)
        : base(message, inner) => Path = string.Empty;

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }
}

using GeneMask.Tokenization;

namespace GeneMask.Models.TorchSharp;

/// <summary>
/// A model or training checkpoint (safetensors, PyTorch state dict, config.json, GeneMask .gmck) is malformed or does not fit the model;
/// the message names the file, the line when there is one, and what was expected.
/// </summary>
public class CheckpointFormatException : GeneMaskFormatException
{
    /// <summary>Creates an exception with the default message.</summary>
    public CheckpointFormatException()
    {
    }

    /// <summary>Creates an exception with a message that already names the source.</summary>
    public CheckpointFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message that already names the source, and the underlying error.</summary>
    public CheckpointFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc cref="GeneMaskFormatException(string, long?, string, Exception?)"/>
    public CheckpointFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(sourceName, lineNumber, problem, innerException)
    {
    }
}

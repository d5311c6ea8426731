namespace GeneMask.Models.TorchSharp.Training;

/// <summary>The training loss became NaN or infinite; the run stopped and the last good checkpoint was kept.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The optimizer step (1-based) whose loss was not finite.</summary>
    public long Step { get; init; }

    /// <summary>The last checkpoint written before the failure, or null when none was.</summary>
    public string? LastGoodCheckpoint { get; init; }
}

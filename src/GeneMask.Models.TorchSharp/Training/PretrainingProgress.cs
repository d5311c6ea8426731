namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Reported to the progress callback after every optimizer step.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="MaxSteps">Steps of the run.</param>
/// <param name="Metrics">The step's metrics.</param>
public sealed record PretrainingProgress(long Step, long MaxSteps, PretrainingMetrics Metrics);

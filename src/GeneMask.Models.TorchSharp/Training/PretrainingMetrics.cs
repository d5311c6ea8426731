namespace GeneMask.Models.TorchSharp.Training;

/// <summary>One line of the metrics file (JSON, snake_case): a training step, optionally with its evaluation.</summary>
/// <param name="Step">Optimizer step (1-based).</param>
/// <param name="Loss">Mean masked-LM loss of the step's micro-batches.</param>
/// <param name="LearningRate">Learning rate of the step.</param>
/// <param name="Strategy">Masking phase name of the step.</param>
/// <param name="MaskingProbability">Masking probability of the step.</param>
/// <param name="TokensPerSecond">Real (non-padding) tokens per second of wall time for the step.</param>
/// <param name="PredictedTokens">Positions that took a loss in the step.</param>
/// <param name="ValidationLoss">Validation loss when the step ended with an evaluation.</param>
/// <param name="Perplexity">Validation perplexity when the step ended with an evaluation.</param>
/// <param name="PhaseChangedTo">
/// The new phase, on the first step masked with it (the step the change takes effect); the evaluation that decided it
/// ran after the step before (<see cref="PhaseChange.Step"/>).
/// </param>
/// <param name="LossScale">The fp16 loss scale used by the step (<see cref="ModelPrecision.Fp16Mixed"/> only).</param>
/// <param name="Skipped">True when the step's fp16 gradients overflowed and the optimizer step was skipped.</param>
public sealed record PretrainingMetrics(
    long Step,
    double Loss,
    double LearningRate,
    string Strategy,
    double MaskingProbability,
    double TokensPerSecond,
    long PredictedTokens,
    double? ValidationLoss = null,
    double? Perplexity = null,
    string? PhaseChangedTo = null,
    double? LossScale = null,
    bool? Skipped = null)
{
    /// <summary>The previous phase, on the line that has <see cref="PhaseChangedTo"/>.</summary>
    public string? PhaseChangedFrom { get; init; }
}

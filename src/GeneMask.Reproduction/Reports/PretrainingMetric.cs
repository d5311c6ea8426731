namespace GeneMask.Reproduction.Reports;

/// <summary>One line of a pretraining metrics log (JSON lines written by the trainer).</summary>
/// <param name="Step">Optimizer step.</param>
/// <param name="Loss">Training loss at the step, or null on a line that only reports an evaluation.</param>
/// <param name="LearningRate">Learning rate, or null.</param>
/// <param name="Strategy">The masking strategy in force (<c>GeneMask</c>, <c>Global</c>, …), or null.</param>
/// <param name="MaskingProbability">The masking probability in force, or null.</param>
/// <param name="TokensPerSecond">Throughput, or null.</param>
/// <param name="Perplexity">Validation perplexity when the line reports an evaluation, otherwise null.</param>
/// <param name="PhaseChangedTo">The phase a curriculum changed to, on the first step masked with it, or null.</param>
public sealed record PretrainingMetric(long Step, double? Loss, double? LearningRate, string? Strategy, double? MaskingProbability, double? TokensPerSecond, double? Perplexity, string? PhaseChangedTo = null);

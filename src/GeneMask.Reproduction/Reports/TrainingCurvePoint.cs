namespace GeneMask.Reproduction.Reports;

/// <summary>A point of a pretraining curve.</summary>
/// <param name="Step">Optimizer step.</param>
/// <param name="Loss">Training loss, or null.</param>
/// <param name="Perplexity">Validation perplexity, or null.</param>
public sealed record TrainingCurvePoint(long Step, double? Loss, double? Perplexity);

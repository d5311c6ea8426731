namespace GeneMask.Masking;

/// <summary>One validation result.</summary>
/// <param name="Step">Optimizer steps completed when the evaluation ran.</param>
/// <param name="Perplexity">Validation perplexity (finite, positive).</param>
public readonly record struct EvaluationRecord(long Step, double Perplexity);

namespace GeneMask.Reproduction.Comparison;

/// <summary>An effect size of the paper beside the half-width of this run's interval for the same contrast.</summary>
/// <param name="Contrast">What is compared (e.g. <c>global − kmer-span</c>).</param>
/// <param name="PaperEffect">The paper's difference (Table 4, few-shot accuracy, DNABert 10K).</param>
/// <param name="M3HalfWidth">Half-width of this run's M3 interval of the same contrast; null when the arm was not run.</param>
/// <param name="M2HalfWidth">Half-width of this run's M2 Prom-core interval; null when the arm was not run.</param>
public sealed record ResolutionRow(string Contrast, double PaperEffect, double? M3HalfWidth, double? M2HalfWidth);

namespace GeneMask.Reproduction.Comparison;

/// <summary>What a finished comparison returns.</summary>
/// <param name="Evidence">Everything measured (also <c>evidence.json</c>).</param>
/// <param name="Markdown">The report as Markdown (also <c>report.md</c>).</param>
/// <param name="Files">Every report file written.</param>
/// <param name="OutputDirectory">The output folder.</param>
public sealed record ComparisonOutcome(ComparisonEvidence Evidence, string Markdown, IReadOnlyList<string> Files, string OutputDirectory);

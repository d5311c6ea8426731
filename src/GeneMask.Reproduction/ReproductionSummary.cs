namespace GeneMask.Reproduction;

/// <summary>What a reproduction produced and where.</summary>
/// <param name="Options">The options it ran with.</param>
/// <param name="OutputDirectory">Root of everything written.</param>
/// <param name="PmiTablePath">The NPMI ranking computed from the genome.</param>
/// <param name="CorpusDirectory">The pretraining corpus.</param>
/// <param name="Models">The pretrained models.</param>
/// <param name="ResultsPath">Every fine-tuning run (JSON; a rerun resumes from it).</param>
/// <param name="ReportDirectory">Tables (Markdown, CSV, JSON) and plots (PNG, SVG).</param>
/// <param name="ReportFiles">The report files written.</param>
/// <param name="TableMarkdown">The reproduced table as Markdown.</param>
/// <param name="Stages">Time per stage.</param>
public sealed record ReproductionSummary(
    ReproductionOptions Options,
    string OutputDirectory,
    string PmiTablePath,
    string CorpusDirectory,
    IReadOnlyList<ReproducedModel> Models,
    string ResultsPath,
    string ReportDirectory,
    IReadOnlyList<string> ReportFiles,
    string TableMarkdown,
    IReadOnlyList<ReproductionStageTime> Stages)
{
    /// <summary>Total wall time.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Stages.Sum(s => s.Elapsed.Ticks));
}

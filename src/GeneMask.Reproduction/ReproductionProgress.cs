namespace GeneMask.Reproduction;

/// <summary>Progress of a reproduction: the stage running and how far it is.</summary>
/// <param name="Stage">Short stage name (<c>PMI table</c>, <c>corpus</c>, <c>pretrain cm-gems</c>, <c>few-shot cm-gems</c>, <c>report</c>).</param>
/// <param name="StageIndex">0-based index of the stage.</param>
/// <param name="StageCount">Stages of the whole run.</param>
/// <param name="Fraction">Completion of the stage in [0, 1].</param>
/// <param name="Detail">What the stage just did (e.g. the last loss), or null.</param>
public sealed record ReproductionProgress(string Stage, int StageIndex, int StageCount, double Fraction, string? Detail = null);

/// <summary>Time spent in one stage of a reproduction.</summary>
/// <param name="Stage">The stage name.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Skipped">True when the stage's output was found from an earlier run and reused.</param>
public sealed record ReproductionStageTime(string Stage, TimeSpan Elapsed, bool Skipped);

/// <summary>One pretrained model of a reproduction.</summary>
/// <param name="Strategy">The masking strategy or curriculum, by catalogue name.</param>
/// <param name="Name">The model's name in the tables.</param>
/// <param name="Directory">The pretraining folder (checkpoint, <c>metrics.jsonl</c>, <c>model/</c>).</param>
/// <param name="FinalLoss">Training loss of the last step, or null when the run was reused.</param>
/// <param name="FinalPerplexity">Last validation perplexity, or null.</param>
/// <param name="SwitchStep">The step at which CM-GEMS switched to Global, or null when it did not (or is not CM-GEMS).</param>
public sealed record ReproducedModel(string Strategy, string Name, string Directory, double? FinalLoss, double? FinalPerplexity, long? SwitchStep);

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

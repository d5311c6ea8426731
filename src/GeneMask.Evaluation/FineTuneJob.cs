namespace GeneMask.Evaluation;

/// <summary>One fine-tune-and-score job: train on <see cref="Train"/> (select on <see cref="Dev"/> when given), predict <see cref="Test"/>.</summary>
/// <param name="TaskName">Task name, for logs and reports.</param>
/// <param name="ClassCount">Number of classes.</param>
/// <param name="Train">Training examples.</param>
/// <param name="Dev">Development examples for best-checkpoint selection, or null.</param>
/// <param name="Test">Examples to predict.</param>
/// <param name="Settings">Hyperparameters.</param>
/// <param name="Seed">Seed of every random choice of the run (initialisation, shuffling, dropout).</param>
public sealed record FineTuneJob(
    string TaskName,
    int ClassCount,
    IReadOnlyList<LabelledSequence> Train,
    IReadOnlyList<LabelledSequence>? Dev,
    IReadOnlyList<LabelledSequence> Test,
    FineTuneSettings Settings,
    int Seed)
{
    /// <summary>
    /// Put an <c>[UNK]</c> at both ends of every training sequence (after <c>[CLS]</c>, before <c>[SEP]</c>), as the
    /// upstream reader does to the quoted few-shot files (reference notes §6.6). Dev and test sequences are unchanged.
    /// </summary>
    public bool UnknownAroundTraining { get; init; }
}

namespace GeneMask.Evaluation.Datasets;

/// <summary>The loaded examples of a task.</summary>
/// <param name="Descriptor">The task.</param>
/// <param name="Train">Training examples: the train split, or the dev split standing in for a missing train split, or null.</param>
/// <param name="Dev">Examples for checkpoint selection, or null (absent, or used for training).</param>
/// <param name="Test">Test examples, or null when the task has no test split.</param>
/// <param name="TrainingSplit">The split <see cref="Train"/> was read from.</param>
/// <param name="Notes">What a report about this task must say (e.g. "dev used for training").</param>
public sealed record TaskData(
    TaskDescriptor Descriptor,
    IReadOnlyList<LabelledSequence>? Train,
    IReadOnlyList<LabelledSequence>? Dev,
    IReadOnlyList<LabelledSequence>? Test,
    TaskSplit? TrainingSplit,
    IReadOnlyList<string> Notes);

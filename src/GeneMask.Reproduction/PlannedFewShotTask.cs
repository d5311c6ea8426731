namespace GeneMask.Reproduction;

/// <summary>A few-shot task of a plan: the input length its runs use and where every n's training sets come from.</summary>
/// <param name="Task">Catalogue name.</param>
/// <param name="MaxLength">Model input length in tokens, [CLS] and [SEP] included (the task's sequences: 6-mers + 2; Prom-300: the paper's 310).</param>
/// <param name="TrainingSets">One line per n: the examples per class each run trains on and their source.</param>
internal sealed record PlannedFewShotTask(string Task, int MaxLength, IReadOnlyList<string> TrainingSets);

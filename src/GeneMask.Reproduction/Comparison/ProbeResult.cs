namespace GeneMask.Reproduction.Comparison;

/// <summary>M2 for one arm and task: the probe's predictions on the fixed test rows.</summary>
/// <param name="Task">The task.</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="Correct">Per test row, 1 when the prediction was right (pairs the arms example by example).</param>
internal sealed record ProbeResult(string Task, double Accuracy, IReadOnlyList<byte> Correct);

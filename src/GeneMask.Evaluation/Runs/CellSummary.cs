using GeneMask.Evaluation.Datasets;

namespace GeneMask.Evaluation.Runs;

/// <summary>The runs of one (model, suite, task, n) cell aggregated over seeds.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Suite">Benchmark.</param>
/// <param name="Task">Task name.</param>
/// <param name="Shots">Examples per class (0: full training split).</param>
/// <param name="Runs">Number of seeds aggregated.</param>
/// <param name="MeanAccuracy">Mean test accuracy.</param>
/// <param name="StdAccuracy">Sample standard deviation of the accuracy (0 for one run).</param>
/// <param name="MeanMcc">Mean test MCC.</param>
/// <param name="StdMcc">Sample standard deviation of the MCC (0 for one run).</param>
public sealed record CellSummary(string Model, BenchmarkSuite Suite, string Task, int Shots, int Runs, double MeanAccuracy, double StdAccuracy, double MeanMcc, double StdMcc);

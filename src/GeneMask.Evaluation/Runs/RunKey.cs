using GeneMask.Evaluation.Datasets;

namespace GeneMask.Evaluation.Runs;

/// <summary>Identifies a run: (model, suite, task, n, seed).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Suite">Benchmark.</param>
/// <param name="Task">Task name.</param>
/// <param name="Shots">Examples per class, 0 for full data.</param>
/// <param name="Seed">Seed.</param>
public readonly record struct RunKey(string Model, BenchmarkSuite Suite, string Task, int Shots, int Seed);

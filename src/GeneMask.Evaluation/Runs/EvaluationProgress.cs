using GeneMask.Evaluation.Datasets;

namespace GeneMask.Evaluation.Runs;

/// <summary>Progress of an evaluation, reported after every run (also for runs found in the results and skipped).</summary>
/// <param name="Completed">Runs finished or skipped so far.</param>
/// <param name="Total">Runs of the whole evaluation.</param>
/// <param name="Suite">Benchmark of the run just done.</param>
/// <param name="Task">Task of the run just done.</param>
/// <param name="Shots">Examples per class (0: full training split).</param>
/// <param name="Seed">Seed of the run just done.</param>
/// <param name="Accuracy">Its test accuracy.</param>
/// <param name="Mcc">Its test MCC.</param>
/// <param name="Resumed">True when the run was taken from earlier results instead of being run.</param>
public sealed record EvaluationProgress(
    int Completed,
    int Total,
    BenchmarkSuite Suite,
    string Task,
    int Shots,
    int Seed,
    double Accuracy,
    double Mcc,
    bool Resumed);

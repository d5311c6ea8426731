using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Metrics;

namespace GeneMask.Evaluation.Runs;

/// <summary>One fine-tune-and-score run, as stored in an <see cref="EvaluationResults"/> file.</summary>
/// <param name="Model">The pretrained model or masking strategy evaluated (e.g. <c>DNABert CM-GEMS 10K</c>).</param>
/// <param name="Suite">The benchmark.</param>
/// <param name="Task">The task name.</param>
/// <param name="Shots">Examples per class drawn for training (few-shot), or 0 when the whole training split was used.</param>
/// <param name="Seed">Seed of the draw and of the fine-tuning run.</param>
/// <param name="TrainCount">Training examples used.</param>
/// <param name="TestCount">Test examples scored.</param>
/// <param name="TrainingSource">Where the training examples came from: <c>train</c>, <c>dev (train not available)</c>, <c>sampled</c> or <c>fixture</c>.</param>
/// <param name="Scores">The test scores.</param>
public sealed record EvaluationRun(
    string Model,
    BenchmarkSuite Suite,
    string Task,
    int Shots,
    int Seed,
    int TrainCount,
    int TestCount,
    string TrainingSource,
    ClassificationScores Scores)
{
    /// <summary>The identity of the run: a results file holds at most one run per key.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RunKey Key => new(Model, Suite, Task, Shots, Seed);
}

using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.Runs;

/// <summary>
/// One fine-tune-and-score run an <see cref="EvaluationRunner"/> planned, before it runs: its key, the identity of what
/// it will be produced from (a stored run is reused only when its identity is the same) and the job. Run it with
/// <see cref="EvaluationRunner.Run"/>, on its own or beside others.
/// </summary>
public sealed class PlannedEvaluation
{
    private readonly Func<(FineTuneJob Job, string Source)> _createJob;

    internal PlannedEvaluation(RunKey key, ResultIdentity identity, Func<(FineTuneJob Job, string Source)> createJob)
    {
        Key = key;
        Identity = identity;
        _createJob = createJob;
    }

    /// <summary>The run's key (model, suite, task, n, seed).</summary>
    public RunKey Key { get; }

    /// <summary>What the run will be produced from.</summary>
    public ResultIdentity Identity { get; }

    internal (FineTuneJob Job, string Source) CreateJob() => _createJob();

    /// <inheritdoc />
    public override string ToString() => EvaluationResults.Describe(Key);
}

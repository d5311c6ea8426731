using GeneMask.Evaluation.Runs;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// Fine-tuning runs as pieces: each run is stored in a results file (<see cref="EvaluationResults"/>) with its identity
/// and reused only for a run of the same identity. Runs are added one at a time under the file's lock, read afresh each
/// time, so workers and processes that add runs to the same file lose none.
/// </summary>
internal sealed class EvaluationStore(ExperimentFolder folder, string relativePath, string what)
{
    private readonly Lock _gate = new();

    /// <summary>The results file.</summary>
    public string Path => folder.PathOf(relativePath);

    /// <summary>The runs stored so far.</summary>
    public EvaluationResults Load() => EvaluationResults.LoadOrEmpty(Path);

    /// <summary>Checks every planned run against the file without running anything.</summary>
    /// <exception cref="GeneMask.Infrastructure.ResultMismatchException">A stored run of a planned key has another identity.</exception>
    public static void Check(string file, IEnumerable<PlannedEvaluation> planned)
    {
        var results = EvaluationResults.LoadOrEmpty(file);
        foreach (var run in planned)
        {
            results.Reuse(run, file);
        }
    }

    /// <summary>The stored run of <paramref name="planned"/>, or the new one <paramref name="run"/> computes, then stores.</summary>
    public EvaluationRun GetOrRun(PlannedEvaluation planned, Func<PlannedEvaluation, EvaluationRun> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Load().Reuse(planned, Path) is { } stored)
        {
            return stored;
        }

        var computed = run(planned);
        lock (_gate)
        {
            using var held = folder.Lock(new Piece(relativePath, what, GeneMask.Infrastructure.ResultIdentity.Empty), null, cancellationToken);
            var results = Load();
            results.Add(computed);
            results.Save(Path);
        }

        return computed;
    }
}

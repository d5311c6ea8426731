using System.Diagnostics;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Evaluation.Metrics;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GeneMask.Evaluation.Runs;

/// <summary>
/// Runs the paper's evaluations through an <see cref="ISequenceClassifierTrainer"/>: the few-shot protocol (for each
/// task, n and seed: draw n examples per class, fine-tune, score on test) and GUE (fine-tune on the training split,
/// select on dev, score on test). Results accumulate in an <see cref="EvaluationResults"/>; runs already present are
/// skipped, so an interrupted evaluation resumes.
/// </summary>
public sealed class EvaluationRunner
{
    private readonly ISequenceClassifierTrainer _trainer;
    private readonly EvaluationOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a runner.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid (the failures name the offending values).</exception>
    public EvaluationRunner(ISequenceClassifierTrainer trainer, IOptions<EvaluationOptions> options, ILogger<EvaluationRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(options);
        var value = new EvaluationOptionsValidator().Validated(options.Value);

        _trainer = trainer;
        _options = value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs the few-shot protocol for <paramref name="model"/>: every task × n (the task's own n values, or the
    /// configured ones) × seed. Everything is checked before the first run (a pool too small for an n throws).
    /// </summary>
    /// <param name="model">Name of the evaluated model, stored with every run.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="previous">Earlier results to resume from; null: the configured results file if it exists.</param>
    /// <param name="progress">Receives a report after every run.</param>
    /// <param name="cancellationToken">Stops between runs (and inside the trainer, if it honours it).</param>
    /// <returns>The previous runs plus the new ones.</returns>
    /// <exception cref="ResultMismatchException">A previous run of the same key was produced from other data or settings; nothing was run.</exception>
    public EvaluationResults RunFewShot(
        string model,
        IReadOnlyList<FewShotTask> tasks,
        EvaluationResults? previous = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Execute(model, PlanFewShot(model, tasks), previous, progress, cancellationToken);

    /// <summary>
    /// Runs GUE for <paramref name="model"/>: for every task and configured GUE seed, fine-tune on the training split
    /// (dev when train is not available — recorded in the run), select on dev when there is one, score on test.
    /// </summary>
    /// <exception cref="ResultMismatchException">A previous run of the same key was produced from other data or settings; nothing was run.</exception>
    public EvaluationResults RunGue(
        string model,
        IReadOnlyList<TaskData> tasks,
        EvaluationResults? previous = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Execute(model, PlanGue(model, tasks), previous, progress, cancellationToken);

    /// <summary>
    /// The few-shot runs of <paramref name="model"/>, planned but not run: every task × n × seed with its identity.
    /// Everything is checked here (a pool too small for an n throws); nothing is trained.
    /// </summary>
    public IReadOnlyList<PlannedEvaluation> PlanFewShot(string model, IReadOnlyList<FewShotTask> tasks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(tasks);
        var plan = new List<PlannedEvaluation>();
        foreach (var task in tasks)
        {
            var counts = new int[task.ClassCount];
            foreach (var example in task.Pool)
            {
                if ((uint)example.Label >= (uint)task.ClassCount)
                {
                    throw new ArgumentException($"Task {task.Name}: a pool example has label {example.Label}, outside 0 … {task.ClassCount - 1}.", nameof(tasks));
                }

                counts[example.Label]++;
            }

            var pool = LabelledSequence.Hash(task.Pool);
            var test = LabelledSequence.Hash(task.Test);
            foreach (var n in task.Shots ?? [.. _options.Shots])
            {
                var isFixed = task.FixedTrainSets.ContainsKey(n);
                var smallest = counts.Min();
                if (!isFixed && smallest < n)
                {
                    throw new ArgumentException(
                        $"Task {task.Name}: class {Array.IndexOf(counts, smallest)} has {smallest} examples in the pool; n = {n} per class cannot be drawn.", nameof(tasks));
                }

                var identity = BaseIdentity(task.Name, task.ClassCount, Settings(n, task.MaxLength))
                    .With("train", isFixed ? FixtureIdentity(task, n) : $"{n} per class drawn with the seed from {pool}")
                    .With("test", test);
                foreach (var seed in _options.FewShotSeeds)
                {
                    plan.Add(new PlannedEvaluation(new RunKey(model, BenchmarkSuite.FewShot, task.Name, n, seed), identity.With("seed", seed), () => FewShotJob(task, n, seed, isFixed)));
                }
            }
        }

        return plan;
    }

    /// <summary>The GUE runs of <paramref name="model"/>, planned but not run: every task × GUE seed with its identity.</summary>
    public IReadOnlyList<PlannedEvaluation> PlanGue(string model, IReadOnlyList<TaskData> tasks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(tasks);
        var plan = new List<PlannedEvaluation>();
        foreach (var data in tasks)
        {
            var task = data.Descriptor;
            if (data.Train is null || data.Test is null)
            {
                throw new ArgumentException($"Task {task.Name} needs a training and a test split for a GUE run.", nameof(tasks));
            }

            var settings = task.FineTuning ?? throw new ArgumentException($"Task {task.Name} has no fine-tuning settings.", nameof(tasks));
            foreach (var note in data.Notes)
            {
                Log.TaskNote(_logger, task.Name, note);
            }

            var source = data.TrainingSplit == TaskSplit.Train ? "train" : "dev (train not available)";
            var identity = BaseIdentity(task.Name, task.ClassCount, settings)
                .With("train", $"{source} {LabelledSequence.Hash(data.Train)}")
                .With("dev", data.Dev is null ? "none" : LabelledSequence.Hash(data.Dev))
                .With("test", LabelledSequence.Hash(data.Test));
            foreach (var seed in _options.GueSeeds)
            {
                plan.Add(new PlannedEvaluation(
                    new RunKey(model, BenchmarkSuite.Gue, task.Name, 0, seed),
                    identity.With("seed", seed),
                    () => (new FineTuneJob(task.Name, task.ClassCount, data.Train, data.Dev, data.Test, settings, seed), source)));
            }
        }

        return plan;
    }

    /// <summary>
    /// Runs one planned run: fine-tunes, predicts the test split and scores it. The run carries the plan's identity,
    /// and the predicted labels when <see cref="EvaluationOptions.KeepPredictions"/> is set. Nothing is stored.
    /// </summary>
    public EvaluationRun Run(PlannedEvaluation planned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var (job, source) = planned.CreateJob();
        return RunOne(planned, job, source, cancellationToken);
    }

    private ResultIdentity BaseIdentity(string task, int classCount, FineTuneSettings settings) =>
        ResultIdentity.Empty.With(_options.RunIdentity).With("task", task).With("classes", classCount).With("settings", settings);

    private FineTuneSettings Settings(int n, int maxLength) => (n <= 100 ? _options.FewShotSmallSettings : _options.FewShotLargeSettings) with { MaxLength = maxLength };

    private static string FixtureIdentity(FewShotTask task, int n) =>
        "fixture " + LabelledSequence.Hash(task.FixedTrainSets[n]) + (task.UnknownAroundFixedTrainSets ? ", [UNK] at both ends" : string.Empty);

    private (FineTuneJob Job, string Source) FewShotJob(FewShotTask task, int n, int seed, bool isFixed)
    {
        var train = isFixed ? task.FixedTrainSets[n] : StratifiedSampler.Sample(task.Pool, task.ClassCount, n, seed);
        var job = new FineTuneJob(task.Name, task.ClassCount, train, null, task.Test, Settings(n, task.MaxLength), seed)
        {
            UnknownAroundTraining = isFixed && task.UnknownAroundFixedTrainSets,
        };
        return (job, isFixed ? "fixture" : "sampled");
    }

    private EvaluationResults Execute(string model, IReadOnlyList<PlannedEvaluation> plan, EvaluationResults? previous, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var source = previous is null ? _options.ResultsPath : null;
        var results = previous is not null
            ? new EvaluationResults(previous.Runs)
            : source is not null ? EvaluationResults.LoadOrEmpty(source) : new EvaluationResults();

        // Every stored run is checked before the first new one: a refusal leaves the results as they were.
        var stored = plan.Select(p => results.Reuse(p, source ?? "the previous results")).ToList();
        var reused = stored.Count(r => r is not null);
        Log.EvaluationStarted(_logger, model, plan.Count, reused);
        for (var i = 0; i < plan.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = plan[i].Key;
            var run = stored[i];
            if (run is not null)
            {
                Log.RunResumed(_logger, key.Task, key.Shots, key.Seed);
            }
            else
            {
                run = Run(plan[i], cancellationToken);
                results.Add(run);
                if (_options.ResultsPath is { } resultsPath)
                {
                    results.Save(resultsPath);
                    Log.ResultsSaved(_logger, results.Count, resultsPath);
                }
            }

            progress?.Report(new EvaluationProgress(i + 1, plan.Count, key.Suite, key.Task, key.Shots, key.Seed, run.Scores.Accuracy, run.Scores.Mcc, stored[i] is not null));
        }

        return results;
    }

    private EvaluationRun RunOne(PlannedEvaluation planned, FineTuneJob job, string source, CancellationToken cancellationToken)
    {
        var key = planned.Key;
        Log.RunStarted(_logger, key.Task, key.Shots, key.Seed, job.Train.Count, source, job.Test.Count);
        var watch = Stopwatch.StartNew();
        var predictions = _trainer.FineTuneAndPredict(job, cancellationToken)
            ?? throw new InvalidOperationException($"The trainer returned no predictions for {EvaluationResults.Describe(key)}.");
        var test = job.Test;
        if (predictions.PredictedLabels.Length != test.Count)
        {
            throw new InvalidOperationException(
                $"The trainer returned {predictions.PredictedLabels.Length} predictions for {test.Count} test examples ({EvaluationResults.Describe(key)}).");
        }

        var probabilities = predictions.Probabilities ?? [];
        if (probabilities.Length != 0 && probabilities.Length != test.Count * job.ClassCount)
        {
            throw new InvalidOperationException(
                $"The trainer returned {probabilities.Length} probabilities; expected {test.Count} × {job.ClassCount} ({EvaluationResults.Describe(key)}).");
        }

        var actual = new int[test.Count];
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i] = test[i].Label;
        }

        var scores = ClassificationScores.Compute(actual, predictions.PredictedLabels, job.ClassCount, probabilities);
        Log.RunFinished(_logger, key.Task, key.Shots, key.Seed, scores.Accuracy, scores.Mcc, watch.Elapsed.TotalSeconds);
        return new EvaluationRun(key.Model, key.Suite, key.Task, key.Shots, key.Seed, job.Train.Count, test.Count, source, scores)
        {
            Identity = planned.Identity.Parts,
            PredictedLabels = _options.KeepPredictions ? [.. predictions.PredictedLabels] : null,
        };
    }

}

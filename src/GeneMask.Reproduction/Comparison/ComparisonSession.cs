using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GeneMask.Evaluation.Runs;
using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Reproduction.Experiments;
using Microsoft.Extensions.Logging;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// A comparison's output folder, opened for work (<see cref="MaskingComparison.Open"/>): its data prepared, its
/// identities checked, the folder claimed together with any other process that works on other pieces of it. Each
/// piece can be computed on its own — one arm's pretraining, M1 and M2 of one model, one few-shot run, the report —
/// and each is skipped when it is done, refused when it was done with other settings, and waited for when another
/// process is computing it. <see cref="MaskingComparison.Run"/> calls these for every arm, over its workers.
/// </summary>
public sealed class ComparisonSession : IDisposable
{
    private readonly MaskingComparisonOptions _o;
    private readonly MaskingComparison _comparison;
    private readonly ExperimentFolder _folder;
    private readonly ComparisonData _data;
    private readonly ComparisonPieces _pieces;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(ComparisonArm, int), (EvaluationRunner Runner, IReadOnlyList<PlannedEvaluation> Plan, EvaluationStore Store)> _fewShot = new();

    internal ComparisonSession(MaskingComparison comparison, ExperimentFolder folder, ComparisonData data, ComparisonPieces pieces, ILoggerFactory loggers)
    {
        _comparison = comparison;
        _o = comparison.Options;
        _folder = folder;
        _data = data;
        _pieces = pieces;
        _loggers = loggers;
        _logger = loggers.CreateLogger<MaskingComparison>();
    }

    /// <summary>The output folder.</summary>
    public string OutputDirectory => _folder.Root;

    internal ComparisonData Data => _data;

    /// <summary>Pretrains <paramref name="arm"/> (replicate <paramref name="replicate"/>), or reuses it when done.</summary>
    /// <exception cref="ResultMismatchException">It was done with other settings.</exception>
    public void Pretrain(ComparisonArm arm, int replicate = 0, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        using var threads = TorchThreads.OnePerJob(_o.Device);
        PretrainCore(arm, replicate, (_, detail) => progress?.Report(detail ?? string.Empty), cancellationToken);
    }

    /// <summary>Computes M1 and M2 of <paramref name="arm"/>'s model (replicate <paramref name="replicate"/>), or reuses them; the model must be pretrained.</summary>
    /// <exception cref="ResultMismatchException">They were computed with other settings.</exception>
    public void FrozenMetrics(ComparisonArm arm, int replicate = 0, CancellationToken cancellationToken = default)
    {
        using var threads = TorchThreads.OnePerJob(_o.Device);
        FrozenCore(arm, replicate, cancellationToken);
    }

    /// <summary>Fine-tunes <paramref name="arm"/>'s model (replicate <paramref name="replicate"/>) with few-shot seed <paramref name="seed"/> (M3), or reuses the run.</summary>
    /// <exception cref="ResultMismatchException">The run was done with other settings.</exception>
    public void FewShot(ComparisonArm arm, int seed, int replicate = 0, CancellationToken cancellationToken = default)
    {
        using var threads = TorchThreads.OnePerJob(_o.Device);
        FewShotCore(arm, replicate, seed, cancellationToken);
    }

    /// <summary>
    /// Assembles the evidence of the options' arms and replicates from their finished pieces, writes <c>evidence.json</c>
    /// and the report, and appends this invocation to <c>invocations.json</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A piece of an arm is not done yet (a job run before the jobs it needs); the message names it.</exception>
    public ComparisonOutcome Report(CancellationToken cancellationToken = default) =>
        ReportCore(new Dictionary<string, double>(StringComparer.Ordinal), 0, 1, cancellationToken);

    /// <summary>Releases the folder (other processes may still share it).</summary>
    public void Dispose()
    {
        _data.Dispose();
        _folder.Dispose();
    }

    internal ArmPretraining PretrainCore(ComparisonArm arm, int replicate, Action<double, string?> report, CancellationToken cancellationToken)
    {
        ThrowIfNotReplicate(replicate);
        var piece = _pieces.Pretraining(arm, replicate);
        return _folder.GetOrCompute(piece, ComparisonJsonContext.Default.ArmPretraining, () => PretrainNow(arm, replicate, report, cancellationToken), detail => report(0, detail), cancellationToken);
    }

    private ArmPretraining PretrainNow(ComparisonArm arm, int replicate, Action<double, string?> report, CancellationToken cancellationToken)
    {
        var o = _o;
        var directory = _folder.PathOf(ComparisonPieces.PretrainingFolder(arm, replicate));
        var seed = _pieces.ReplicateSeed(replicate);
        var watch = Stopwatch.StartNew();
        using var model = BertForMaskedLM.Create(o.Model, seed);
        if (arm == ComparisonArm.None)
        {
            // The control: the shared initial weights, saved as they are.
            model.to(TorchDevices.Resolve(o.Device));
            var point = CurvePointOf(model, 0);
            model.SavePretrained(_folder.PathOf(ComparisonPieces.ModelFolder(arm, replicate)));
            return new ArmPretraining(arm.Name, 0, watch.Elapsed.TotalSeconds, null, null, [point], 0);
        }

        var options = _comparison.PretrainingOptionsFor(arm, directory, seed);
        var trainer = new MlmPretrainer(MsOptions.Create(options), _loggers.CreateLogger<MlmPretrainer>());
        var curriculum = arm.CreateCurriculum(_data.Table, o.EvaluationInterval)!;
        var curve = new List<CurvePoint>();
        model.to(TorchDevices.Resolve(o.Device)).to(o.Precision.ToScalarType());
        curve.Add(CurvePointOf(model, 0));

        // Runs on the training thread between steps: the curve's yardstick is the same fixed k-mer-span masks for every arm.
        var steps = new SynchronousProgress<PretrainingProgress>(p =>
        {
            if (p.Step % o.CurveInterval == 0 || p.Step == p.MaxSteps)
            {
                curve.Add(CurvePointOf(model, p.Step));
            }

            report(p.Step / (double)p.MaxSteps, string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.MaxSteps}, loss {p.Metrics.Loss:F3} ({p.Metrics.Strategy})"));
        });
        var trained = trainer.Train(model, _data.Train, _data.Validation, curriculum, progress: steps, cancellationToken: cancellationToken);
        var switchStep = arm.DecidesOnEvaluations && trained.PhaseChanges.Count > 0 ? trained.PhaseChanges[0].Step : (long?)null;
        return new ArmPretraining(arm.Name, o.PretrainingSteps, watch.Elapsed.TotalSeconds, switchStep, trained.Steps.Count > 0 ? trained.Steps[^1].Loss : null, curve, trained.Steps.Sum(s => s.PredictedTokens));
    }

    private CurvePoint CurvePointOf(BertForMaskedLM model, long step)
    {
        var loss = FrozenEncoder.MaskedLmLossByInput(model, _data.CurveSet);
        return new CurvePoint(step, loss.Loss, loss.MaskTokenLoss);
    }

    internal FrozenResult FrozenCore(ComparisonArm arm, int replicate, CancellationToken cancellationToken)
    {
        ThrowIfNotReplicate(replicate);
        var model = _folder.PathOf(ComparisonPieces.ModelFolder(arm, replicate));
        return _folder.GetOrCompute(_pieces.Frozen(arm, replicate), ComparisonJsonContext.Default.FrozenResult, () => Comparison.FrozenMetrics.Measure(Pretrained(arm, replicate, model), _data, _o.Device, _o.Precision, cancellationToken), null, cancellationToken);
    }

    internal BaselineResult BaselineCore(CancellationToken cancellationToken) =>
        _folder.GetOrCompute(_pieces.Baseline, ComparisonJsonContext.Default.BaselineResult, () => Comparison.FrozenMetrics.Baseline(_data.Tasks), null, cancellationToken);

    internal EvaluationRun FewShotCore(ComparisonArm arm, int replicate, int seed, CancellationToken cancellationToken)
    {
        if (seed < 0 || seed >= _o.Seeds)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, string.Create(CultureInfo.InvariantCulture, $"A few-shot seed of this comparison is in [0, {_o.Seeds})."));
        }

        ThrowIfNotReplicate(replicate);
        var (runner, plan, store) = FewShotPlan(arm, replicate);
        return store.GetOrRun(plan[seed], planned =>
        {
            Pretrained(arm, replicate, _folder.PathOf(ComparisonPieces.ModelFolder(arm, replicate)));
            return runner.Run(planned, cancellationToken);
        }, cancellationToken);
    }

    private void ThrowIfNotReplicate(int replicate)
    {
        if (replicate < 0 || replicate >= _o.Replicates)
        {
            throw new ArgumentOutOfRangeException(nameof(replicate), replicate, string.Create(CultureInfo.InvariantCulture, $"A replicate of this comparison is in [0, {_o.Replicates})."));
        }
    }

    /// <summary>The few-shot runner, plan (seed s at index s) and store of an arm's replicate.</summary>
    internal (EvaluationRunner Runner, IReadOnlyList<PlannedEvaluation> Plan, EvaluationStore Store) FewShotPlan(ComparisonArm arm, int replicate) =>
        _fewShot.GetOrAdd((arm, replicate), key =>
        {
            var runner = _pieces.FewShotRunner(key.Item1, key.Item2, _folder.PathOf(ComparisonPieces.ModelFolder(key.Item1, key.Item2)), _loggers);
            var store = new EvaluationStore(_folder, ComparisonPieces.FewShotFile(key.Item1, key.Item2), $"the few-shot runs of {key.Item1.Name}");
            return (runner, runner.PlanFewShot(key.Item1.Name, [_pieces.FewShotTask()]), store);
        });

    internal ComparisonOutcome ReportCore(Dictionary<string, double> wall, double elapsed, int workers, CancellationToken cancellationToken)
    {
        var o = _o;
        var pretraining = new Dictionary<ComparisonArm, IReadOnlyList<ArmPretraining>>();
        var frozen = new Dictionary<ComparisonArm, IReadOnlyList<FrozenResult>>();
        var fewShot = new Dictionary<ComparisonArm, IReadOnlyList<IReadOnlyList<double>>>();
        var replicates = Enumerable.Range(0, o.Replicates).ToList();
        foreach (var arm in o.Arms)
        {
            pretraining[arm] = [.. replicates.Select(r => Done(_pieces.Pretraining(arm, r), ComparisonJsonContext.Default.ArmPretraining))];
            frozen[arm] = [.. replicates.Select(r => Done(_pieces.Frozen(arm, r), ComparisonJsonContext.Default.FrozenResult))];
            fewShot[arm] = [.. replicates.Select(r => FewShotAccuracies(arm, r))];
        }

        var baseline = Done(_pieces.Baseline, ComparisonJsonContext.Default.BaselineResult);
        using var held = _folder.Lock(new Piece("evidence.json", "the report", ResultIdentity.Empty), null, cancellationToken);
        var evidence = ComparisonEvidence.Assemble(o, _data, pretraining, frozen, baseline, fewShot, wall, elapsed);
        Log.GateChecked(_logger, evidence.Gate.Passed, evidence.Gate.Gap, evidence.Gate.Margin);
        evidence = evidence with { Invocations = RecordInvocation(evidence, workers) };
        var files = ComparisonReport.Write(evidence, _folder.PathOf("report"));
        var path = _folder.PathOf("evidence.json");
        AtomicFile.WriteAllText(path, evidence.ToJson());
        return new ComparisonOutcome(evidence, ComparisonReport.Markdown(evidence), [path, .. files], _folder.Root);
    }

    /// <summary>The few-shot accuracy of every seed of an arm's replicate, seed s at index s.</summary>
    private IReadOnlyList<double> FewShotAccuracies(ComparisonArm arm, int replicate)
    {
        var (_, plan, store) = FewShotPlan(arm, replicate);
        var runs = store.Load();
        return [.. plan.Select(p => (runs.Reuse(p, store.Path) ?? throw new FileNotFoundException($"{store.Path} holds no run of few-shot seed {p.Key.Seed} of {arm.Name} (replicate {replicate}): run that step first.", store.Path)).Scores.Accuracy)];
    }

    private T Done<T>(Piece piece, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class =>
        _folder.TryReuse(piece, type) ?? throw new FileNotFoundException($"{_folder.PathOf(piece.Record)} is missing: compute {piece.What} first.", _folder.PathOf(piece.Record));

    /// <summary>The model folder of a pretrained arm; refuses one whose pretraining is not done.</summary>
    private string Pretrained(ComparisonArm arm, int replicate, string model)
    {
        Done(_pieces.Pretraining(arm, replicate), ComparisonJsonContext.Default.ArmPretraining);
        return model;
    }

    /// <summary>Appends this invocation to the folder's <c>invocations.json</c> and returns the whole history.</summary>
    private List<ComparisonInvocation> RecordInvocation(ComparisonEvidence evidence, int workers)
    {
        var path = _folder.PathOf("invocations.json");
        List<ComparisonInvocation> history;
        try
        {
            history = File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), ComparisonJsonContext.Default.ListComparisonInvocation) ?? [] : [];
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not the invocation history of a comparison ({e.Message}). Delete it to start a new history.", e);
        }

        history.Add(new ComparisonInvocation(
            evidence.FinishedUtc,
            [.. _o.Arms.Select(a => a.Name)],
            workers,
            _o.Precision.ToString(),
            evidence.TotalSeconds,
            evidence.WallTimes.Where(kv => !kv.Key.StartsWith("pretraining seconds ", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            evidence.Machine.LoadAverage));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(history, ComparisonJsonContext.Default.ListComparisonInvocation));
        return history;
    }
}

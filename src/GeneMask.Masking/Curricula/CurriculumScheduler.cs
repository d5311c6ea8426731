using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeneMask.Masking;

/// <summary>
/// Base of the curricula: keeps the evaluation history, reports phase changes (event and log) once per change in
/// batch order, saves and restores state, and serialises access. Derive and implement <see cref="SelectPhase"/>.
/// </summary>
public abstract class CurriculumScheduler : ICurriculumScheduler
{
    private readonly Lock _lock = new();
    private readonly List<EvaluationRecord> _evaluations = [];
    private MaskingPhase _current;
    private string? _reportedPhase;
    private long _reportedBatch = -1;

    /// <summary>Creates the base.</summary>
    /// <param name="name">The scheduler's name.</param>
    /// <param name="logger">Where phase changes are logged; <see langword="null"/> for none.</param>
    protected CurriculumScheduler(string name, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public virtual string Description => Name;

    /// <inheritdoc />
    public virtual int? EvaluationInterval => null;

    /// <inheritdoc />
    public MaskingPhase CurrentPhase
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<EvaluationRecord> Evaluations
    {
        get
        {
            lock (_lock)
            {
                return _evaluations.ToArray();
            }
        }
    }

    /// <summary>The logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>The evaluations so far (call only from the overridable members, which run under the scheduler's lock).</summary>
    protected IReadOnlyList<EvaluationRecord> History => _evaluations;

    /// <inheritdoc />
    public event EventHandler<MaskingPhaseChangedEventArgs>? PhaseChanged;

    /// <inheritdoc />
    public MaskingPhase GetPhase(TrainingState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state.Step, nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(state.BatchIndex, nameof(state));
        if (state.TotalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.TotalSteps, "TrainingState.TotalSteps must be at least 1.");
        }

        MaskingPhaseChangedEventArgs? change = null;
        MaskingPhase phase;
        lock (_lock)
        {
            phase = SelectPhase(state);
            if (!phase.IsSet)
            {
                throw new InvalidOperationException($"Curriculum '{Name}' returned a phase without a strategy.");
            }

            if (state.BatchIndex > _reportedBatch)
            {
                _reportedBatch = state.BatchIndex;
                _current = phase;
                if (!string.Equals(phase.Name, _reportedPhase, StringComparison.Ordinal))
                {
                    change = new MaskingPhaseChangedEventArgs(Name, _reportedPhase, phase, state);
                    _reportedPhase = phase.Name;
                }
            }
        }

        if (change is not null)
        {
            Log.PhaseChanged(Logger, Name, phase.Name, phase.Strategy.Name, phase.Probability, state.Step, state.BatchIndex, change.PreviousPhase ?? "none");
            PhaseChanged?.Invoke(this, change);
        }

        return phase;
    }

    /// <inheritdoc />
    public MaskingPhase PeekPhase(TrainingState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state.Step, nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(state.BatchIndex, nameof(state));
        if (state.TotalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.TotalSteps, "TrainingState.TotalSteps must be at least 1.");
        }

        lock (_lock)
        {
            var phase = SelectPhase(state);
            return phase.IsSet ? phase : throw new InvalidOperationException($"Curriculum '{Name}' returned a phase without a strategy.");
        }
    }

    /// <inheritdoc />
    public void OnEvaluation(long optimizerStep, double perplexity)
    {
        var step = optimizerStep;
        if (!double.IsFinite(perplexity) || perplexity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, "A perplexity must be finite and positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(optimizerStep);
        lock (_lock)
        {
            if (_evaluations.Count > 0 && step < _evaluations[^1].Step)
            {
                throw new ArgumentOutOfRangeException(nameof(optimizerStep), step, $"Evaluations must come in step order; the last was at step {_evaluations[^1].Step}.");
            }

            var record = new EvaluationRecord(step, perplexity);
            _evaluations.Add(record);
            Log.EvaluationRecorded(Logger, Name, perplexity, step);
            OnEvaluated(record);
        }
    }

    /// <inheritdoc />
    public CurriculumState SaveState()
    {
        lock (_lock)
        {
            var state = new CurriculumState
            {
                Scheduler = Name,
                Evaluations = [.. _evaluations],
                ReportedPhase = _reportedPhase,
                ReportedBatchIndex = _reportedBatch,
            };
            SaveCore(state);
            return state;
        }
    }

    /// <inheritdoc />
    public void RestoreState(CurriculumState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!string.Equals(state.Scheduler, Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The state was saved by curriculum '{state.Scheduler}', not '{Name}'.", nameof(state));
        }

        var evaluations = state.Evaluations ?? [];
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            if (!double.IsFinite(e.Perplexity) || e.Perplexity <= 0 || e.Step < 0 || (i > 0 && e.Step < evaluations[i - 1].Step))
            {
                throw new ArgumentException($"Evaluation {i} of the saved state (step {e.Step}, perplexity {e.Perplexity}) is invalid or out of order.", nameof(state));
            }
        }

        lock (_lock)
        {
            _evaluations.Clear();
            _evaluations.AddRange(evaluations);
            _reportedPhase = state.ReportedPhase;
            _reportedBatch = state.ReportedBatchIndex;
            _current = default;
            RestoreCore(state);
            Log.StateRestored(Logger, Name, _evaluations.Count, state.SwitchStep);
        }
    }

    /// <summary>The phase of a batch: a pure function of the state, <see cref="History"/> and the scheduler's own fields.</summary>
    protected abstract MaskingPhase SelectPhase(in TrainingState state);

    /// <summary>Called (under the lock) after an evaluation is added to <see cref="History"/>.</summary>
    protected virtual void OnEvaluated(EvaluationRecord latest)
    {
    }

    /// <summary>Adds the scheduler's own fields to a saved state (under the lock).</summary>
    protected virtual void SaveCore(CurriculumState state)
    {
    }

    /// <summary>Restores the scheduler's own fields (under the lock, after <see cref="History"/> is restored).</summary>
    protected virtual void RestoreCore(CurriculumState state)
    {
    }
}

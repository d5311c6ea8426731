namespace GeneMask.Models.TorchSharp.Training;

/// <summary>One line of the metrics file (JSON, snake_case): a training step, optionally with its evaluation.</summary>
/// <param name="Step">Optimizer step (1-based).</param>
/// <param name="Loss">Mean masked-LM loss of the step's micro-batches.</param>
/// <param name="LearningRate">Learning rate of the step.</param>
/// <param name="Strategy">Masking phase name of the step.</param>
/// <param name="MaskingProbability">Masking probability of the step.</param>
/// <param name="TokensPerSecond">Real (non-padding) tokens per second of wall time for the step.</param>
/// <param name="PredictedTokens">Positions that took a loss in the step.</param>
/// <param name="ValidationLoss">Validation loss when the step ended with an evaluation.</param>
/// <param name="Perplexity">Validation perplexity when the step ended with an evaluation.</param>
/// <param name="PhaseChangedTo">
/// The new phase, on the first step masked with it (the step the change takes effect); the evaluation that decided it
/// ran after the step before (<see cref="PhaseChange.Step"/>).
/// </param>
/// <param name="LossScale">The fp16 loss scale used by the step (<see cref="ModelPrecision.Fp16Mixed"/> only).</param>
/// <param name="Skipped">True when the step's fp16 gradients overflowed and the optimizer step was skipped.</param>
public sealed record PretrainingMetrics(
    long Step,
    double Loss,
    double LearningRate,
    string Strategy,
    double MaskingProbability,
    double TokensPerSecond,
    long PredictedTokens,
    double? ValidationLoss = null,
    double? Perplexity = null,
    string? PhaseChangedTo = null,
    double? LossScale = null,
    bool? Skipped = null)
{
    /// <summary>The previous phase, on the line that has <see cref="PhaseChangedTo"/>.</summary>
    public string? PhaseChangedFrom { get; init; }
}

/// <summary>Reported to the progress callback after every optimizer step.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="MaxSteps">Steps of the run.</param>
/// <param name="Metrics">The step's metrics.</param>
public sealed record PretrainingProgress(long Step, long MaxSteps, PretrainingMetrics Metrics);

/// <summary>A validation run.</summary>
/// <param name="Step">The optimizer step after which it ran.</param>
/// <param name="Loss">Mean loss per predicted token.</param>
/// <param name="Perplexity">exp(<paramref name="Loss"/>).</param>
/// <param name="Phase">The masking phase used for the validation masks.</param>
public sealed record ValidationResult(long Step, double Loss, double Perplexity, string Phase);

/// <summary>A switch of the curriculum.</summary>
/// <param name="Step">The optimizer step whose evaluation caused it; batches after this step use the new phase.</param>
/// <param name="From">The previous phase.</param>
/// <param name="To">The new phase.</param>
public sealed record PhaseChange(long Step, string From, string To);

/// <summary>The outcome of <see cref="MlmPretrainer.Train"/>.</summary>
/// <param name="StartStep">Steps already done when this call started (non-zero after a resume).</param>
/// <param name="Steps">The metrics of every step run by this call.</param>
/// <param name="Validations">Evaluations run by this call.</param>
/// <param name="PhaseChanges">Phase changes observed by this call (see <see cref="RunPhaseChanges"/> for the whole run).</param>
/// <param name="CheckpointPath">The final checkpoint (resumable).</param>
/// <param name="ModelDirectory">The exported model (<c>model.safetensors</c> + <c>config.json</c>).</param>
public sealed record PretrainingResult(
    long StartStep,
    IReadOnlyList<PretrainingMetrics> Steps,
    IReadOnlyList<ValidationResult> Validations,
    IReadOnlyList<PhaseChange> PhaseChanges,
    string CheckpointPath,
    string ModelDirectory)
{
    /// <summary>Optimizer steps of the whole run (resumed ones included) skipped for fp16 gradient overflow.</summary>
    public long SkippedSteps { get; init; }

    /// <summary>
    /// Every phase change of the run, those made before an interruption included (read back from the metrics file on a
    /// resumed run), so a resumed run reports what an uninterrupted one does.
    /// </summary>
    public IReadOnlyList<PhaseChange> RunPhaseChanges { get; init; } = PhaseChanges;

    /// <summary>
    /// The step of the run's first phase change (<see cref="PhaseChange.Step"/>: its evaluation ran after this step, the
    /// next step used the new phase) — for CM-GEMS, the switch from GeneMask to Global — or null when the phase never changed.
    /// </summary>
    public long? SwitchStep => RunPhaseChanges.Count > 0 ? RunPhaseChanges[0].Step : null;

    /// <summary>The run's identity (<see cref="Training.RunFingerprint"/> in text form), as stored in the checkpoint.</summary>
    public string RunFingerprint { get; init; } = string.Empty;
}

using System.Text.Json;
using System.Text.Json.Serialization;
using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>Where training is when a curriculum is asked for the phase of the next batch.</summary>
/// <param name="Step">Optimizer steps completed before this batch (0 for the first batch).</param>
/// <param name="TotalSteps">Optimizer steps of the whole run (at least 1).</param>
/// <param name="BatchIndex">Index of the (micro-)batch in the run; with gradient accumulation several batches share a step.</param>
public readonly record struct TrainingState(long Step, long TotalSteps, long BatchIndex);

/// <summary>One validation result.</summary>
/// <param name="Step">Optimizer steps completed when the evaluation ran.</param>
/// <param name="Perplexity">Validation perplexity (finite, positive).</param>
public readonly record struct EvaluationRecord(long Step, double Perplexity);

/// <summary>Data of <see cref="ICurriculumScheduler.PhaseChanged"/>.</summary>
public sealed class MaskingPhaseChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public MaskingPhaseChangedEventArgs(string scheduler, string? previousPhase, MaskingPhase phase, TrainingState state)
    {
        Scheduler = scheduler;
        PreviousPhase = previousPhase;
        Phase = phase;
        State = state;
    }

    /// <summary>The scheduler's name.</summary>
    public string Scheduler { get; }

    /// <summary>The name of the phase before, or <see langword="null"/> for the first phase of the run.</summary>
    public string? PreviousPhase { get; }

    /// <summary>The new phase.</summary>
    public MaskingPhase Phase { get; }

    /// <summary>The training state of the first batch of the new phase.</summary>
    public TrainingState State { get; }
}

/// <summary>
/// The serialisable state of a curriculum, saved with a checkpoint and restored on resume
/// (<see cref="ToJson"/> / <see cref="FromJson"/>).
/// </summary>
public sealed class CurriculumState
{
    /// <summary>The scheduler that saved the state (restoring into another kind is an error).</summary>
    public string Scheduler { get; set; } = "";

    /// <summary>The validation history.</summary>
    public List<EvaluationRecord> Evaluations { get; set; } = [];

    /// <summary>The step from which the curriculum switched (CM-GEMS), if it has.</summary>
    public long? SwitchStep { get; set; }

    /// <summary>The last phase reported, and the batch it was reported for.</summary>
    public string? ReportedPhase { get; set; }

    /// <summary>The batch index of <see cref="ReportedPhase"/>; −1 before the first batch.</summary>
    public long ReportedBatchIndex { get; set; } = -1;

    /// <summary>The state as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CurriculumJsonContext.Default.CurriculumState);

    /// <summary>A state from JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a curriculum state.</exception>
    public static CurriculumState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, CurriculumJsonContext.Default.CurriculumState)
                ?? throw new GeneMaskFormatException("The curriculum state is 'null'.");
        }
        catch (JsonException e)
        {
            throw new GeneMaskFormatException($"Not a curriculum state: {e.Message}", e);
        }
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CurriculumState))]
internal sealed partial class CurriculumJsonContext : JsonSerializerContext;

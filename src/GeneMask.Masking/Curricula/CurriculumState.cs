using System.Text.Json;
using GeneMask.Tokenization;

namespace GeneMask.Masking;

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

namespace GeneMask.Reproduction;

/// <summary>GUE settings of a plan.</summary>
internal sealed record PlannedGue
{
    /// <summary>Tasks with their settings.</summary>
    public required IReadOnlyList<PlannedGueTask> Tasks { get; init; }

    /// <summary>Training rows per task, or null for all.</summary>
    public int? MaxTrainRows { get; init; }

    /// <summary>Runs per task.</summary>
    public required int SeedsPerTask { get; init; }
}

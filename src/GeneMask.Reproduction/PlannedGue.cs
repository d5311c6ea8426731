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

    /// <summary>Rows per optimizer step and how they relate to the authors' script.</summary>
    public required string Batch { get; init; }

    /// <summary>The optimizer and schedule of every run.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Which weights are scored on test.</summary>
    public required string BestCheckpoint { get; init; }

    /// <summary>The numeric format of GUE fine-tuning, and what it stands for.</summary>
    public required string Precision { get; init; }
}

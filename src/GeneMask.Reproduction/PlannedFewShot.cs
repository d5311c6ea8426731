using GeneMask.Evaluation;

namespace GeneMask.Reproduction;

/// <summary>Few-shot settings of a plan.</summary>
internal sealed record PlannedFewShot
{
    /// <summary>Tasks.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>n values.</summary>
    public required IReadOnlyList<int> Shots { get; init; }

    /// <summary>Seeds per setting.</summary>
    public required int Seeds { get; init; }

    /// <summary>Whether each seed draws its own training set (otherwise the fixture files).</summary>
    public required bool SampleTrainingSets { get; init; }

    /// <summary>Test examples per task, or null for all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>Fine-tuning with n ≤ 100.</summary>
    public required FineTuneSettings UpToHundredPerClass { get; init; }

    /// <summary>Fine-tuning with n &gt; 100.</summary>
    public required FineTuneSettings AboveHundredPerClass { get; init; }
}

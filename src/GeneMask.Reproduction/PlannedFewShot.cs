namespace GeneMask.Reproduction;

/// <summary>Few-shot settings of a plan.</summary>
internal sealed record PlannedFewShot
{
    /// <summary>Tasks.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>n values (examples per class when drawn; the file names when the published files are used).</summary>
    public required IReadOnlyList<int> Shots { get; init; }

    /// <summary>Seeds per setting.</summary>
    public required int Seeds { get; init; }

    /// <summary>Whether each seed draws its own training set (otherwise the published files).</summary>
    public required bool SampleTrainingSets { get; init; }

    /// <summary>Per task: the input length its runs use and the training sets of every n.</summary>
    public required IReadOnlyList<PlannedFewShotTask> PerTask { get; init; }

    /// <summary>Test examples per task, or null for all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>Fine-tuning with n ≤ 100.</summary>
    public required PlannedFineTuning UpToHundredPerClass { get; init; }

    /// <summary>Fine-tuning with n &gt; 100.</summary>
    public required PlannedFineTuning AboveHundredPerClass { get; init; }

    /// <summary>The optimizer and schedule of every run.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Table 4's "DNABert 120K" row: measured from a checkpoint, or the published value.</summary>
    public required string BaselineRow { get; init; }
}

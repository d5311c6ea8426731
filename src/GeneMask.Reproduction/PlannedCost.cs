namespace GeneMask.Reproduction;

/// <summary>Cost estimate of a plan.</summary>
internal sealed record PlannedCost
{
    /// <summary>Pretraining runs.</summary>
    public required int PretrainingRuns { get; init; }

    /// <summary>Optimizer steps per run.</summary>
    public required long OptimizerStepsPerRun { get; init; }

    /// <summary>Rows seen per run.</summary>
    public required long SequencesPerRun { get; init; }

    /// <summary>Tokens per run if every row were full length.</summary>
    public required long TokensPerRunAtMost { get; init; }

    /// <summary>Parameters of the model (MLM head included).</summary>
    public required long ApproximateParameters { get; init; }

    /// <summary>6 × parameters × tokens over all runs, in PFLOP.</summary>
    public required double PretrainingPetaflopsAtMost { get; init; }

    /// <summary>Few-shot fine-tuning runs.</summary>
    public required int FewShotRuns { get; init; }

    /// <summary>GUE fine-tuning runs.</summary>
    public required int GueRuns { get; init; }

    /// <summary>How to read the numbers.</summary>
    public required string Note { get; init; }
}

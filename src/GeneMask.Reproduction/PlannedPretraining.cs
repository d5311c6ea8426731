namespace GeneMask.Reproduction;

/// <summary>Pretraining settings of a plan.</summary>
internal sealed record PlannedPretraining
{
    /// <summary>Optimizer steps.</summary>
    public required long Steps { get; init; }

    /// <summary>Rows per micro-batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Micro-batches per step.</summary>
    public required int GradientAccumulationSteps { get; init; }

    /// <summary>Rows per optimizer step.</summary>
    public required long EffectiveBatchSize { get; init; }

    /// <summary>Peak learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Linear warm-up steps.</summary>
    public required long WarmupSteps { get; init; }

    /// <summary>AdamW weight decay.</summary>
    public required double WeightDecay { get; init; }

    /// <summary>AdamW β1.</summary>
    public required double Beta1 { get; init; }

    /// <summary>AdamW β2.</summary>
    public required double Beta2 { get; init; }

    /// <summary>AdamW ε.</summary>
    public required double AdamEpsilon { get; init; }

    /// <summary>Gradient clipping norm.</summary>
    public required double MaxGradientNorm { get; init; }

    /// <summary>Longest corpus chunk in bases.</summary>
    public required int MaxChunkBases { get; init; }

    /// <summary>Longest input in tokens.</summary>
    public required int MaxSequenceLength { get; init; }

    /// <summary>Steps between validation evaluations.</summary>
    public required int EvaluationInterval { get; init; }

    /// <summary>Validation rows per evaluation (<c>all</c> or a number).</summary>
    public required string ValidationRows { get; init; }

    /// <summary>The optimizer and learning-rate schedule.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Steps between checkpoints (0: at the end only).</summary>
    public required long CheckpointInterval { get; init; }

    /// <summary>Numeric precision.</summary>
    public required string Precision { get; init; }

    /// <summary>Run seed.</summary>
    public required long Seed { get; init; }
}

namespace GeneMask.Masking;

/// <summary>Options of <see cref="MaskedBatchProducer"/>.</summary>
public sealed class MaskedBatchProducerOptions
{
    /// <summary>Ready batches kept ahead of the trainer. Default 4.</summary>
    public int Capacity { get; set; } = 4;

    /// <summary>Background threads collating batches (the result does not depend on it). Default 1.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>The first batch to produce (resume from a checkpoint with the next batch index). Default 0.</summary>
    public long StartBatchIndex { get; set; }

    /// <summary>Batches per optimizer step (gradient accumulation). Default 1.</summary>
    public int BatchesPerStep { get; set; } = 1;

    /// <summary>Optimizer steps of the run; production ends after <c>TotalSteps × BatchesPerStep</c> batches.</summary>
    public long TotalSteps { get; set; } = 1;
}

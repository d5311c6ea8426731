using System.ComponentModel.DataAnnotations;

namespace GeneMask.Masking;

/// <summary>Options of <see cref="MaskedBatchProducer"/>.</summary>
public sealed class MaskedBatchProducerOptions
{
    /// <summary>Ready batches kept ahead of the trainer. Default 4.</summary>
    [Range(1, 4096)]
    public int Capacity { get; set; } = 4;

    /// <summary>Background threads collating batches (the result does not depend on it). Default 1.</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = 1;

    /// <summary>The first batch to produce (resume from a checkpoint with the next batch index). Default 0.</summary>
    [Range(0, long.MaxValue)]
    public long StartBatchIndex { get; set; }

    /// <summary>Batches per optimizer step (gradient accumulation). Default 1.</summary>
    [Range(1, int.MaxValue)]
    public int BatchesPerStep { get; set; } = 1;

    /// <summary>Optimizer steps of the run; production ends after <c>TotalSteps × BatchesPerStep</c> batches.</summary>
    [Range(1, long.MaxValue)]
    public long TotalSteps { get; set; } = 1;
}

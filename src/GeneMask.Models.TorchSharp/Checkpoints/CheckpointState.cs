namespace GeneMask.Models.TorchSharp.Checkpoints;

/// <summary>Everything besides tensors that a resumed run needs to continue exactly where it stopped.</summary>
internal sealed record CheckpointState
{
    /// <summary>Optimizer steps completed.</summary>
    public required long Step { get; init; }

    /// <summary>Training micro-batches consumed (the data position).</summary>
    public required long BatchesConsumed { get; init; }

    /// <summary>The run seed (a resumed run must use the same).</summary>
    public required long Seed { get; init; }

    /// <summary>The serialised curriculum scheduler state.</summary>
    public required string CurriculumStateJson { get; init; }

    /// <summary>Torch's CPU generator state.</summary>
    public required byte[] RngState { get; init; }

    /// <summary>Hash of the options that must not change across a resume (steps, batch, schedule, corpus).</summary>
    public required string RunFingerprint { get; init; }

    /// <summary>The fp16 loss scaler's state (scale, clean steps, skipped steps); null without one.</summary>
    public LossScalerState? LossScaler { get; init; }
}

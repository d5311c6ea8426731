namespace GeneMask.Masking;

/// <summary>Where training is when a curriculum is asked for the phase of the next batch.</summary>
/// <param name="Step">Optimizer steps completed before this batch (0 for the first batch).</param>
/// <param name="TotalSteps">Optimizer steps of the whole run (at least 1).</param>
/// <param name="BatchIndex">Index of the (micro-)batch in the run; with gradient accumulation several batches share a step.</param>
public readonly record struct TrainingState(long Step, long TotalSteps, long BatchIndex);

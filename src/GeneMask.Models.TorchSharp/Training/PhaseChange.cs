namespace GeneMask.Models.TorchSharp.Training;

/// <summary>A switch of the curriculum.</summary>
/// <param name="Step">The optimizer step whose evaluation caused it; batches after this step use the new phase.</param>
/// <param name="From">The previous phase.</param>
/// <param name="To">The new phase.</param>
public sealed record PhaseChange(long Step, string From, string To);

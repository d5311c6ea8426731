namespace GeneMask.Models.TorchSharp.Checkpoints;

/// <summary>What <see cref="Training.DynamicLossScaler"/> needs to continue exactly.</summary>
/// <param name="Scale">The current loss scale.</param>
/// <param name="CleanSteps">Clean steps since the last change of the scale.</param>
/// <param name="SkippedSteps">Steps skipped so far.</param>
internal sealed record LossScalerState(double Scale, int CleanSteps, long SkippedSteps);

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>A validation run.</summary>
/// <param name="Step">The optimizer step after which it ran.</param>
/// <param name="Loss">Mean loss per predicted token.</param>
/// <param name="Perplexity">exp(<paramref name="Loss"/>).</param>
/// <param name="Phase">The masking phase used for the validation masks.</param>
public sealed record ValidationResult(long Step, double Loss, double Perplexity, string Phase);

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>One part of a <see cref="RunFingerprint"/> that differs between two runs.</summary>
/// <param name="Name">The part's name (e.g. <c>steps</c>, <c>strategy</c>, <c>corpus.train</c>).</param>
/// <param name="Previous">Its value in the earlier run; null when the earlier run did not record it.</param>
/// <param name="Current">Its value now; null when the current run does not have it.</param>
public sealed record RunDifference(string Name, string? Previous, string? Current)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} {Previous ?? "(none)"} → {Current ?? "(none)"}";
}

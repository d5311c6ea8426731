namespace GeneMask.Infrastructure;

/// <summary>One part of a <see cref="ResultIdentity"/> that differs between a stored result and the one asked for.</summary>
/// <param name="Name">The part's name (e.g. <c>steps</c>, <c>model</c>, <c>test</c>).</param>
/// <param name="Previous">Its value in the stored result; null when the stored result has no such part.</param>
/// <param name="Current">Its value now; null when the result asked for has no such part.</param>
public sealed record IdentityDifference(string Name, string? Previous, string? Current)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Previous ?? "(none)"} there, {Current ?? "(none)"} now";
}

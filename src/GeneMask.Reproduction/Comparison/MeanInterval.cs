using System.Text.Json.Serialization;

namespace GeneMask.Reproduction.Comparison;

/// <summary>An interval and the mean it surrounds.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Ci95">The 95 % interval [low, high].</param>
public sealed record MeanInterval(double Mean, [property: JsonPropertyName("ci95")] double[] Ci95);

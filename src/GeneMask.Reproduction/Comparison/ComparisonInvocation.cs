namespace GeneMask.Reproduction.Comparison;

/// <summary>One invocation of a comparison in an output folder.</summary>
/// <param name="FinishedUtc">When it finished (UTC).</param>
/// <param name="Arms">The arms it was asked for.</param>
/// <param name="Workers">Its workers.</param>
/// <param name="Precision">Its numeric format.</param>
/// <param name="TotalSeconds">Its wall time up to the report, in seconds.</param>
/// <param name="WallTimes">Its wall time per stage, in seconds (near 0 for reused stages).</param>
/// <param name="LoadAverage">The 1-minute load average when it finished (Linux), or null.</param>
public sealed record ComparisonInvocation(DateTimeOffset FinishedUtc, IReadOnlyList<string> Arms, int Workers, string Precision, double TotalSeconds, IReadOnlyDictionary<string, double> WallTimes, double? LoadAverage);

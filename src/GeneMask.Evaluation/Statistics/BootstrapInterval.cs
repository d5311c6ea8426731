namespace GeneMask.Evaluation.Statistics;

/// <summary>A bootstrap estimate of the mean difference a − b and its percentile interval.</summary>
/// <param name="Count">Number of pairs (of replicates, for <see cref="HierarchicalBootstrap"/>).</param>
/// <param name="MeanDifference">The observed mean of a − b.</param>
/// <param name="Low">Lower end of the percentile interval.</param>
/// <param name="High">Upper end of the percentile interval.</param>
/// <param name="Confidence">Coverage of the interval (0.95 for a 95 % interval).</param>
/// <param name="Resamples">Number of bootstrap resamples.</param>
public sealed record BootstrapInterval(int Count, double MeanDifference, double Low, double High, double Confidence, int Resamples)
{
    /// <summary>Whether the interval excludes 0 (the rule under which a difference is claimed).</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>Half the interval's width.</summary>
    public double HalfWidth => (High - Low) / 2;
}

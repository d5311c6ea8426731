namespace GeneMask.Reproduction.Reports;

/// <summary>The pretraining curve of one run (one masking strategy or curriculum).</summary>
/// <param name="Name">Legend name (<c>CM-GEMS</c>, <c>GeneMask</c>, …).</param>
/// <param name="Points">Points in step order.</param>
/// <param name="CurriculumSwitchStep">The step at which a curriculum switched strategy, or null when it did not (or is no curriculum).</param>
public sealed record TrainingCurve(string Name, IReadOnlyList<TrainingCurvePoint> Points, long? CurriculumSwitchStep = null)
{
    /// <summary>
    /// Builds a curve from a run's metrics. The switch step is <see cref="PretrainingMetricsLog.SwitchStep"/> (the step
    /// whose evaluation switched the curriculum); without a <c>phase_changed_to</c> line (a log from elsewhere, possibly
    /// sparse), the step of the first line whose <c>strategy</c> differs, when it changes exactly once (GeneMask → Global). A strategy that alternates (CM-Step draws
    /// per batch) has no single switch. <paramref name="detectSwitch"/> = false never marks one.
    /// </summary>
    public static TrainingCurve FromMetrics(string name, IReadOnlyList<PretrainingMetric> metrics, bool detectSwitch = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(metrics);
        var ordered = metrics.OrderBy(m => m.Step).ToList();
        long? switchStep = null;
        if (detectSwitch)
        {
            switchStep = PretrainingMetricsLog.SwitchStep(ordered);
            if (switchStep is null)
            {
                var changes = new List<long>();
                string? previous = null;
                foreach (var m in ordered.Where(m => m.Strategy is not null))
                {
                    if (previous is not null && m.Strategy != previous)
                    {
                        changes.Add(m.Step);
                    }

                    previous = m.Strategy;
                }

                switchStep = changes.Count == 1 ? changes[0] : null;
            }
        }

        var points = ordered.Select(m => new TrainingCurvePoint(m.Step, m.Loss, m.Perplexity)).ToList();
        return new TrainingCurve(name, points, switchStep);
    }
}

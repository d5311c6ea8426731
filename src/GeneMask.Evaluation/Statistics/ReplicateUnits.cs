namespace GeneMask.Evaluation.Statistics;

/// <summary>How the units (test rows, few-shot seeds) of the replicates relate.</summary>
public enum ReplicateUnits
{
    /// <summary>
    /// Each replicate has its own units (e.g. few-shot draws made afresh per replicate): every drawn replicate
    /// resamples its own units.
    /// </summary>
    Nested,

    /// <summary>
    /// Every replicate scores the same units in the same order (e.g. one fixed test set): one resample of the units is
    /// shared by all drawn replicates, so a unit that favours one arm in every replicate counts once per draw, as it
    /// does in the data.
    /// </summary>
    Crossed,
}

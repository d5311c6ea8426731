namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// The kinds of job a comparison splits into (<see cref="ComparisonSteps.Run"/>), in the order they depend on each
/// other: every pretraining needs the prepared data, M1/M2 and M3 of an arm need its pretraining, the report needs all.
/// </summary>
public enum ComparisonStep
{
    /// <summary>The corpus, the task partitions and M2's bag-of-6-mers baseline.</summary>
    Prepare,

    /// <summary>The pretraining of each arm asked for.</summary>
    Pretrain,

    /// <summary>M1 and M2 of each arm's frozen model.</summary>
    Frozen,

    /// <summary>M3: every few-shot seed of each arm.</summary>
    FewShot,

    /// <summary><c>evidence.json</c> and the report, assembled from the finished pieces of the arms asked for.</summary>
    Report,
}

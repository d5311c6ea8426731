namespace GeneMask.Evaluation.Datasets;

/// <summary>The splits of a benchmark task.</summary>
public enum TaskSplit
{
    /// <summary>Training examples.</summary>
    Train,

    /// <summary>Development (validation) examples, used for checkpoint selection.</summary>
    Dev,

    /// <summary>Held-out test examples, used for the reported scores.</summary>
    Test,
}

namespace GeneMask.Evaluation.Reports;

/// <summary>Which published GUE means to show as reference rows.</summary>
public enum GueReference
{
    /// <summary>No published rows.</summary>
    None,

    /// <summary>Table 2 (10K-step pretraining; Human and non-Human means).</summary>
    Table2,

    /// <summary>Table 6 (1K-step pretraining; Human means).</summary>
    Table6,
}

namespace GeneMask.Evaluation.Datasets;

/// <summary>The benchmark a task belongs to.</summary>
public enum BenchmarkSuite
{
    /// <summary>Genome Understanding Evaluation (DNABERT-2); scored by MCC.</summary>
    Gue,

    /// <summary>The GeneMask / CM-GEMS few-shot tasks; scored by accuracy.</summary>
    FewShot,
}

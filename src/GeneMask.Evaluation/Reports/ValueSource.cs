namespace GeneMask.Evaluation.Reports;

/// <summary>Where the numbers of a report row come from.</summary>
public enum ValueSource
{
    /// <summary>Measured by this library from evaluation runs.</summary>
    Measured,

    /// <summary>Printed in the paper; shown for reference only, never combined with measured numbers.</summary>
    Published,
}

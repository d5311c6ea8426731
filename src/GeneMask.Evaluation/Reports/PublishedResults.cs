namespace GeneMask.Evaluation.Reports;

/// <summary>
/// The headline numbers printed in the CM-GEMS paper (ECAI 2024), for reference rows in the reports. They are
/// published values, never measurements of this library; reports mark them so.
/// </summary>
public static class PublishedResults
{
    /// <summary>Table 2 (GUE, MCC × 100, 10K pretraining steps unless named otherwise): Human / non-Human means.</summary>
    public static IReadOnlyList<PublishedGueMeans> Table2 { get; } =
    [
        new("Table 2", "DNABert CM-GEMS 10K", 73.81, 54.51),
        new("Table 2", "DNABert GeneMask 10K", 73.65, 53.30),
        new("Table 2", "DNABert Global 10K", 72.86, 51.19),
        new("Table 2", "DNABert 120K", 72.12, 51.55),
        new("Table 2", "LOGO CM-GEMS 10K", 67.77, 43.96),
    ];

    /// <summary>Table 6 (GUE, MCC × 100, 1K pretraining steps): Human / non-Human means.</summary>
    public static IReadOnlyList<PublishedGueMeans> Table6 { get; } =
    [
        new("Table 6", "DNABert CM-GEMS 1K", 70.63, 50.83),
        new("Table 6", "LOGO CM-GEMS 1K", 67.79, 47.44),
    ];

    /// <summary>Table 3: mean MCC × 100 over GUE and the paired t-test against DNABert 120K.</summary>
    public static IReadOnlyList<PublishedSignificance> Table3 { get; } =
    [
        new("DNABert CM-GEMS 10K", 63.09, 17.49, 0.021),
        new("DNABert 120K", 60.69, 17.72, null),
    ];

    /// <summary>Table 4: few-shot accuracy (DNABert backbone), mean over 5 tasks × {10, 50}.</summary>
    public static IReadOnlyList<PublishedFewShot> Table4 { get; } =
    [
        new("DNABert 120K", 0.640),
        new("DNABert 10K", 0.627),
        new("DNABert GeneMask 10K", 0.639),
        new("DNABert Global 10K", 0.656),
        new("DNABert CM-Step 10K", 0.646),
        new("DNABert CM-GEMS 10K", 0.644),
    ];
}

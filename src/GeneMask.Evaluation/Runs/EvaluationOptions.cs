namespace GeneMask.Evaluation.Runs;

/// <summary>Options of the <see cref="EvaluationRunner"/>: the few-shot grid and the seeds (paper defaults).</summary>
public sealed class EvaluationOptions
{
    /// <summary>The paper's n values: 10, 50, 100, 500 and 1000 examples per class.</summary>
    public static IReadOnlyList<int> PaperShots { get; } = [10, 50, 100, 500, 1000];

    /// <summary>
    /// Examples per class of the few-shot runs (default <see cref="PaperShots"/>). Set it in code: configuration
    /// binding appends to a list instead of replacing it.
    /// </summary>
    public IList<int> Shots { get; set; } = [.. PaperShots];

    /// <summary>Runs per (task, n) with different seeds; the paper uses 10.</summary>
    public int SeedCount { get; set; } = 10;

    /// <summary>The first seed; runs use <see cref="FirstSeed"/> … <see cref="FirstSeed"/> + <see cref="SeedCount"/> − 1.</summary>
    public int FirstSeed { get; set; } = 1;

    /// <summary>Seeds of the GUE runs (one run per seed and task); the paper reports one run per task.</summary>
    public int GueSeedCount { get; set; } = 1;

    /// <summary>Fine-tuning settings of the few-shot runs with n ≤ 100 per class (default: the paper's, <see cref="FineTuneSettings.FewShotSmall"/>; the task's maximum length applies).</summary>
    public FineTuneSettings FewShotSmallSettings { get; set; } = FineTuneSettings.FewShotSmall;

    /// <summary>Fine-tuning settings of the few-shot runs with n &gt; 100 per class (default <see cref="FineTuneSettings.FewShotLarge"/>).</summary>
    public FineTuneSettings FewShotLargeSettings { get; set; } = FineTuneSettings.FewShotLarge;

    /// <summary>
    /// Results file to resume from and to rewrite (atomically) after every run, or null to keep results in memory only.
    /// </summary>
    public string? ResultsPath { get; set; }

    /// <summary>The seeds of the few-shot runs.</summary>
    public IEnumerable<int> FewShotSeeds => Enumerable.Range(FirstSeed, SeedCount);

    /// <summary>The seeds of the GUE runs.</summary>
    public IEnumerable<int> GueSeeds => Enumerable.Range(FirstSeed, GueSeedCount);
}

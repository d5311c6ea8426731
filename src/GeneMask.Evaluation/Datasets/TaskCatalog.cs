namespace GeneMask.Evaluation.Datasets;

/// <summary>
/// The benchmark tasks the paper evaluates on and whose files ship with the test data: a GUE subset (MCC, Table 2/6)
/// and the five GeneMask/CM-GEMS few-shot tasks (accuracy, Table 4), with their metadata and fine-tuning settings.
/// </summary>
public static class TaskCatalog
{
    /// <summary>GUE Core promoter detection, all promoters (Human, 70 bp).</summary>
    public static TaskDescriptor PromCoreAll { get; } = Gue("prom_core_all", "gue/prom/prom_core_all", "Human", 2, 70, AllSplits, epochs: 4, maxTokens: 80);

    /// <summary>GUE Core promoter detection, TATA promoters (Human, 70 bp).</summary>
    public static TaskDescriptor PromCoreTata { get; } = Gue("prom_core_tata", "gue/prom/prom_core_tata", "Human", 2, 70, AllSplits, epochs: 10, maxTokens: 80);

    /// <summary>GUE Promoter detection, TATA promoters (Human, 300 bp).</summary>
    public static TaskDescriptor Prom300Tata { get; } = Gue("prom_300_tata", "gue/prom/prom_300_tata", "Human", 2, 300, AllSplits, epochs: 10, maxTokens: 310);

    /// <summary>GUE Transcription factor binding site prediction, human data set 0 (101 bp).</summary>
    public static TaskDescriptor Tf0 { get; } = Gue("tf_0", "gue/tf/0", "Human", 2, 101, AllSplits, epochs: 3, maxTokens: 110, warmupSteps: 30);

    /// <summary>GUE Transcription factor binding site prediction, mouse data set 0 (101 bp).</summary>
    public static TaskDescriptor Mouse0 { get; } = Gue("mouse_0", "gue/mouse/0", "Mouse", 2, 101, AllSplits, epochs: 5, maxTokens: 110, warmupSteps: 30);

    /// <summary>GUE Splice site prediction, reconstructed (Human, 400 bp, 3 classes). Train is not available here: dev stands in.</summary>
    public static TaskDescriptor SpliceReconstructed { get; } = Gue("splice_reconstructed", "gue/splice/reconstructed", "Human", 3, 400, DevTest, epochs: 5, maxTokens: 410);

    /// <summary>GUE Epigenetic marks prediction, H3 (Yeast, 500 bp). Train is not available here: dev stands in.</summary>
    public static TaskDescriptor EmpH3 { get; } = Gue("EMP_H3", "gue/EMP/H3", "Yeast", 2, 500, DevTest, epochs: 3, maxTokens: 512);

    /// <summary>Few-shot Prom-core (Human core promoters, 70 bp): fixtures of 10 and 50 per class, test of 5,920.</summary>
    public static TaskDescriptor FewShotPromCore { get; } = FewShot("Prom-core", "Human", 2, 70, 70, [TaskSplit.Test], [new(10, 10), new(50, 50)]);

    /// <summary>Few-shot Splice-40 (Human splice sites, 40 bp, 3 classes): fixtures of 100 and 500 per class (10·n), test of 3,000.</summary>
    public static TaskDescriptor FewShotSplice40 { get; } = FewShot("Splice-40", "Human", 3, 40, 40, [TaskSplit.Test], [new(10, 100), new(50, 500)]);

    /// <summary>Few-shot Silencer (101–299 bp): fixtures of 100 and 500 per class (10·n), test of 1,657. Species not stated upstream.</summary>
    public static TaskDescriptor FewShotSilencer { get; } = FewShot("Silencer", "unspecified", 2, 101, 299, [TaskSplit.Test], [new(10, 100), new(50, 500)]);

    /// <summary>Few-shot Prom-300 (Human promoters, 300 bp): fixtures of 10 and 50 per class; no test split available.</summary>
    public static TaskDescriptor FewShotProm300 { get; } = FewShot("Prom-300", "Human", 2, 300, 300, [], [new(10, 10), new(50, 50)], maxTokens: 310);

    /// <summary>Few-shot Cohn-enh (Human enhancers, 500 bp): fixtures of 10 and 50 per class; no test split available.</summary>
    public static TaskDescriptor FewShotCohnEnhancers { get; } = FewShot("Cohn-enh", "Human", 2, 500, 500, [], [new(10, 10), new(50, 50)]);

    /// <summary>The GUE tasks, in the paper's column order (promoters, TF, mouse, splice, EMP).</summary>
    public static IReadOnlyList<TaskDescriptor> GueTasks { get; } = [PromCoreAll, PromCoreTata, Prom300Tata, Tf0, Mouse0, SpliceReconstructed, EmpH3];

    /// <summary>The five few-shot tasks of Table 4, in the paper's order.</summary>
    public static IReadOnlyList<TaskDescriptor> FewShotTasks { get; } = [FewShotPromCore, FewShotProm300, FewShotCohnEnhancers, FewShotSplice40, FewShotSilencer];

    /// <summary>Every known task.</summary>
    public static IReadOnlyList<TaskDescriptor> All { get; } = [.. GueTasks, .. FewShotTasks];

    /// <summary>The task named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No such task; the message lists the known names.</exception>
    public static TaskDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"Unknown task '{name}'. Known tasks: {string.Join(", ", All.Select(t => t.Name))}.");
    }

    private static TaskSplit[] AllSplits => [TaskSplit.Train, TaskSplit.Dev, TaskSplit.Test];

    private static TaskSplit[] DevTest => [TaskSplit.Dev, TaskSplit.Test];

    private static TaskDescriptor Gue(string name, string path, string species, int classes, int length, TaskSplit[] splits, int epochs, int maxTokens, int warmupSteps = 50) => new()
    {
        Name = name,
        Suite = BenchmarkSuite.Gue,
        Species = species,
        ClassCount = classes,
        MinLength = length,
        MaxLength = length,
        Format = DatasetFormat.GueCsv,
        RelativePath = path,
        Splits = splits,
        FineTuning = FineTuneSettings.Gue(epochs, maxTokens, warmupSteps),
    };

    private static TaskDescriptor FewShot(string name, string species, int classes, int minLength, int maxLength, TaskSplit[] splits, FewShotFixture[] fixtures, int? maxTokens = null) => new()
    {
        Name = name,
        Suite = BenchmarkSuite.FewShot,
        Species = species,
        ClassCount = classes,
        MinLength = minLength,
        MaxLength = maxLength,
        Format = DatasetFormat.KmerTsv,
        RelativePath = "fewshot/" + name,
        Splits = splits,
        Fixtures = fixtures,

        // [CLS] + one token per 6-mer + [SEP]; Prom-300 uses the paper's 310.
        FineTuning = FineTuneSettings.FewShotSmall with { MaxLength = maxTokens ?? Math.Min(512, maxLength - 6 + 1 + 2) },
    };
}

using GeneMask.Tokenization;

namespace GeneMask.Evaluation.Datasets;

/// <summary>
/// The benchmark tasks the paper evaluates on: all 28 GUE datasets (MCC; the paper's Tables 2 and 6 use 27 of them, all
/// but <c>virus/covid</c>) with the fine-tuning settings of the DNABERT-2 script, and the five GeneMask/CM-GEMS few-shot
/// tasks (accuracy, Table 4). A GUE task is named by its short name (<c>prom_core_notata</c>, <c>tf_1</c>,
/// <c>EMP_H4</c>) or by its GUE folder (<c>prom/prom_core_notata</c>, <c>tf/1</c>, <c>EMP/H4</c>).
/// </summary>
public static class TaskCatalog
{
    private static readonly string[] EmpMarks = ["H3", "H3K14ac", "H3K36me3", "H3K4me1", "H3K4me2", "H3K4me3", "H3K79me3", "H3K9ac", "H4", "H4ac"];

    /// <summary>GUE core promoter detection, all promoters (Human, 70 bp).</summary>
    public static TaskDescriptor PromCoreAll { get; } = Gue("prom_core_all", "prom/prom_core_all", "Human", 2, 70, 70, epochs: 4, maxTokens: 80, evaluationSteps: 400);

    /// <summary>GUE core promoter detection, promoters without a TATA box (Human, 70 bp).</summary>
    public static TaskDescriptor PromCoreNotata { get; } = Gue("prom_core_notata", "prom/prom_core_notata", "Human", 2, 70, 70, epochs: 4, maxTokens: 80, evaluationSteps: 400);

    /// <summary>GUE core promoter detection, TATA promoters (Human, 70 bp).</summary>
    public static TaskDescriptor PromCoreTata { get; } = Gue("prom_core_tata", "prom/prom_core_tata", "Human", 2, 70, 70, epochs: 10, maxTokens: 80);

    /// <summary>GUE promoter detection, all promoters (Human, 300 bp).</summary>
    public static TaskDescriptor Prom300All { get; } = Gue("prom_300_all", "prom/prom_300_all", "Human", 2, 300, 300, epochs: 4, maxTokens: 310, evaluationSteps: 400);

    /// <summary>GUE promoter detection, promoters without a TATA box (Human, 300 bp).</summary>
    public static TaskDescriptor Prom300Notata { get; } = Gue("prom_300_notata", "prom/prom_300_notata", "Human", 2, 300, 300, epochs: 4, maxTokens: 310, evaluationSteps: 400);

    /// <summary>GUE promoter detection, TATA promoters (Human, 300 bp).</summary>
    public static TaskDescriptor Prom300Tata { get; } = Gue("prom_300_tata", "prom/prom_300_tata", "Human", 2, 300, 300, epochs: 10, maxTokens: 310);

    /// <summary>GUE transcription factor binding site prediction, human data set 0 (101 bp).</summary>
    public static TaskDescriptor Tf0 { get; } = HumanTf(0);

    /// <summary>GUE transcription factor binding site prediction, mouse data set 0 (101 bp).</summary>
    public static TaskDescriptor Mouse0 { get; } = MouseTf(0);

    /// <summary>GUE splice site prediction, reconstructed (Human, 400 bp, 3 classes).</summary>
    public static TaskDescriptor SpliceReconstructed { get; } = Gue("splice_reconstructed", "splice/reconstructed", "Human", 3, 400, 400, epochs: 5, maxTokens: 410);

    /// <summary>GUE epigenetic marks prediction, H3 (Yeast, ≤ 500 bp).</summary>
    public static TaskDescriptor EmpH3 { get; } = Emp("H3");

    /// <summary>
    /// GUE COVID variant classification (virus, 999 bp, 9 classes). Not in the paper's tables; the script fine-tunes it
    /// with 4 × 8 rows per step, 9 epochs and 1,024 tokens (our models have 512 positions: the input is cut to them).
    /// </summary>
    public static TaskDescriptor VirusCovid { get; } = Gue("virus_covid", "virus/covid", "Virus", 9, 999, 999, epochs: 9, maxTokens: 1024, accumulation: 4);

    /// <summary>All 28 GUE datasets in the paper's column order (promoters, core promoters, TF, mouse TF, splice, EMP), COVID last.</summary>
    public static IReadOnlyList<TaskDescriptor> GueTasks { get; } =
    [
        Prom300All, Prom300Notata, Prom300Tata, PromCoreAll, PromCoreNotata, PromCoreTata,
        Tf0, HumanTf(1), HumanTf(2), HumanTf(3), HumanTf(4),
        Mouse0, MouseTf(1), MouseTf(2), MouseTf(3), MouseTf(4),
        SpliceReconstructed,
        EmpH3, .. EmpMarks.Skip(1).Select(Emp),
        VirusCovid,
    ];

    /// <summary>The paper's 27 GUE datasets of Tables 2 and 6: <see cref="GueTasks"/> without <c>virus/covid</c>.</summary>
    public static IReadOnlyList<TaskDescriptor> PaperGueTasks { get; } = [.. GueTasks.Where(t => t != VirusCovid)];

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

    /// <summary>The five few-shot tasks of Table 4, in the paper's order.</summary>
    public static IReadOnlyList<TaskDescriptor> FewShotTasks { get; } = [FewShotPromCore, FewShotProm300, FewShotCohnEnhancers, FewShotSplice40, FewShotSilencer];

    /// <summary>Every known task.</summary>
    public static IReadOnlyList<TaskDescriptor> All { get; } = [.. GueTasks, .. FewShotTasks];

    /// <summary>
    /// The task named <paramref name="name"/> (case-insensitive): its short name, or for GUE its folder inside the
    /// benchmark (<c>tf/1</c>, <c>EMP/H4</c>, <c>prom/prom_core_notata</c>; also with a leading <c>gue/</c> or <c>GUE/</c>).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such task; the message lists the known names.</exception>
    public static TaskDescriptor Get(string name) => TryGet(name, out var task)
        ? task
        : throw new KeyNotFoundException($"Unknown task '{name}'. Known tasks: {string.Join(", ", All.Select(t => t.Name))} (a GUE task may also be named by its folder, e.g. tf/1, EMP/H4).");

    /// <summary>Looks a task up as <see cref="Get"/> does; false when the name is unknown.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TaskDescriptor? task)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().Replace('\\', '/').TrimEnd('/');
        task = All.FirstOrDefault(t => string.Equals(t.Name, key, StringComparison.OrdinalIgnoreCase));
        if (task is null && key.Contains('/', StringComparison.Ordinal))
        {
            var folder = key.StartsWith("gue/", StringComparison.OrdinalIgnoreCase) ? key[4..] : key;
            task = GueTasks.FirstOrDefault(t => string.Equals(t.GueFolder, folder, StringComparison.OrdinalIgnoreCase));
        }

        return task is not null;
    }

    /// <summary>Resolves a list of task names (short names or GUE folders) to the catalogue's short names; the error lists every unknown one.</summary>
    /// <exception cref="KeyNotFoundException">Some names are unknown.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var resolved = new List<string>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (TryGet(name, out var task))
            {
                resolved.Add(task.Name);
            }
            else
            {
                unknown.Add(name);
            }
        }

        return unknown.Count == 0
            ? resolved
            : throw new KeyNotFoundException($"Unknown task(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Known tasks: {string.Join(", ", All.Select(t => t.Name))} (a GUE task may also be named by its folder, e.g. tf/1, EMP/H4).");
    }

    private static TaskSplit[] AllSplits => [TaskSplit.Train, TaskSplit.Dev, TaskSplit.Test];

    private static TaskDescriptor HumanTf(int index) =>
        Gue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tf_{index}"), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tf/{index}"), "Human", 2, 101, 101, epochs: 3, maxTokens: 110, warmupSteps: 30);

    // The script caps the mouse runs at 1,000 steps (max_steps overrides its 5 epochs).
    private static TaskDescriptor MouseTf(int index) =>
        Gue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mouse_{index}"), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mouse/{index}"), "Mouse", 2, 101, 101, epochs: 5, maxTokens: 110, warmupSteps: 30, maxSteps: 1_000);

    // GUE's EMP files hold some shorter sequences (290 bases in the shipped splits): only the 500-base maximum is promised.
    private static TaskDescriptor Emp(string mark) => Gue("EMP_" + mark, "EMP/" + mark, "Yeast", 2, 6, 500, epochs: 3, maxTokens: 512);

    private static TaskDescriptor Gue(string name, string folder, string species, int classes, int minLength, int maxLength, int epochs, int maxTokens, int warmupSteps = 50, int evaluationSteps = 200, int accumulation = 1, long? maxSteps = null) => new()
    {
        Name = name,
        Suite = BenchmarkSuite.Gue,
        Species = species,
        ClassCount = classes,
        MinLength = minLength,
        MaxLength = maxLength,
        Format = DatasetFormat.GueCsv,
        RelativePath = "gue/" + folder,

        // GUE ships train, dev and test for every dataset; the loader says so when a download lacks train.
        Splits = AllSplits,
        FineTuning = FineTuneSettings.Gue(epochs, maxTokens, warmupSteps, evaluationSteps, accumulation, maxSteps),
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
        FineTuning = FineTuneSettings.FewShotSmall with { MaxLength = maxTokens ?? Math.Min(512, KmerTokenizer.EncodedLength(maxLength)) },
    };
}

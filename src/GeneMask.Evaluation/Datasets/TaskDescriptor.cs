namespace GeneMask.Evaluation.Datasets;

/// <summary>
/// What a benchmark task promises: its files, species, sequence length, classes and splits. The loaders check the
/// files against it, so a truncated or mixed-up download fails loudly instead of producing quiet nonsense.
/// </summary>
public sealed record TaskDescriptor
{
    /// <summary>The task's name as the paper and the data folders spell it (<c>prom_core_all</c>, <c>Splice-40</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The benchmark the task belongs to.</summary>
    public required BenchmarkSuite Suite { get; init; }

    /// <summary>Species of the sequences (<c>Human</c>, <c>Mouse</c>, <c>Yeast</c>, or <c>unspecified</c>).</summary>
    public required string Species { get; init; }

    /// <summary>Whether the task counts towards the paper's "Human" mean (otherwise "non-Human").</summary>
    public bool IsHuman => string.Equals(Species, "Human", StringComparison.Ordinal);

    /// <summary>Number of classes; labels are 0 … <see cref="ClassCount"/> − 1.</summary>
    public required int ClassCount { get; init; }

    /// <summary>Shortest sequence in bases.</summary>
    public required int MinLength { get; init; }

    /// <summary>Longest sequence in bases; equal to <see cref="MinLength"/> when the task promises one length.</summary>
    public required int MaxLength { get; init; }

    /// <summary>The one length every sequence has, or null when lengths vary.</summary>
    public int? SequenceLength => MinLength == MaxLength ? MinLength : null;

    /// <summary>File layout.</summary>
    public required DatasetFormat Format { get; init; }

    /// <summary>The task folder relative to a data root (<c>gue/prom/prom_core_all</c>).</summary>
    public required string RelativePath { get; init; }

    /// <summary>The task's folder inside the GUE benchmark (<c>tf/1</c>, <c>EMP/H4</c>), or null for a task of another suite.</summary>
    public string? GueFolder => Suite == BenchmarkSuite.Gue && RelativePath.StartsWith("gue/", StringComparison.Ordinal) ? RelativePath[4..] : null;

    /// <summary>Whether the task is one of the paper's 27 GUE datasets of Tables 2 and 6 (all GUE but <c>virus/covid</c>).</summary>
    public bool InPaperGue => Suite == BenchmarkSuite.Gue && !string.Equals(GueFolder, "virus/covid", StringComparison.Ordinal);

    /// <summary>The splits the task has (GUE: all three; a download may lack train, see <see cref="TaskLoader.Load"/>).</summary>
    public required IReadOnlyList<TaskSplit> Splits { get; init; }

    /// <summary>The upstream few-shot training files of the task (empty for GUE).</summary>
    public IReadOnlyList<FewShotFixture> Fixtures { get; init; } = [];

    /// <summary>k of the k-mer text (<see cref="DatasetFormat.KmerTsv"/> only).</summary>
    public int K { get; init; } = 6;

    /// <summary>Fine-tuning hyperparameters of the paper for this task (GUE: DNABERT-2 script), or null.</summary>
    public FineTuneSettings? FineTuning { get; init; }

    /// <summary>Whether the task has the split.</summary>
    public bool Has(TaskSplit split) => Splits.Contains(split);

    /// <summary>
    /// The split to train on: <see cref="TaskSplit.Train"/> when present, otherwise <see cref="TaskSplit.Dev"/> standing in
    /// for it (then no split is left for checkpoint selection), or null when the task has neither.
    /// </summary>
    public TaskSplit? TrainingSplit => Has(TaskSplit.Train) ? TaskSplit.Train : Has(TaskSplit.Dev) ? TaskSplit.Dev : null;

    /// <summary>True when <see cref="TrainingSplit"/> is not the real training split (it is dev, standing in).</summary>
    public bool TrainingSplitStandsIn => TrainingSplit is { } split && split != TaskSplit.Train;

    /// <summary>The file of a split relative to the task folder (<c>train.csv</c>, <c>test.tsv</c>).</summary>
    public string SplitFileName(TaskSplit split)
    {
        var stem = split switch
        {
            TaskSplit.Train => "train",
            TaskSplit.Dev => "dev",
            TaskSplit.Test => "test",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
        };
        return Format switch
        {
            DatasetFormat.GueCsv => stem + ".csv",
            DatasetFormat.KmerTsv => stem + ".tsv",
            _ => stem + ".fa",
        };
    }

    /// <summary>The reader options that enforce this descriptor's promises.</summary>
    public DatasetReadOptions ReadOptions => new()
    {
        ClassCount = ClassCount,
        MinLength = MinLength,
        MaxLength = MaxLength,
        K = K,
    };

    /// <summary>A copy whose <see cref="Splits"/> are the split files found in <paramref name="taskFolder"/> (for a full GUE download, where train exists).</summary>
    internal TaskDescriptor WithSplitsFoundIn(string taskFolder)
    {
        ArgumentNullException.ThrowIfNull(taskFolder);
        var found = new List<TaskSplit>();
        foreach (var split in (TaskSplit[])[TaskSplit.Train, TaskSplit.Dev, TaskSplit.Test])
        {
            if (Path.Exists(Path.Combine(taskFolder, SplitFileName(split))))
            {
                found.Add(split);
            }
        }

        return this with { Splits = found };
    }
}

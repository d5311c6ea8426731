using GeneMask.Evaluation.Datasets;

namespace GeneMask.Evaluation.FewShot;

/// <summary>
/// A few-shot task ready to run: a labelled pool to draw n examples per class from, a test set, and optionally the
/// upstream fixed training sets (used as they are, for every seed, instead of a fresh draw).
/// </summary>
public sealed record FewShotTask
{
    /// <summary>Task name for logs and reports.</summary>
    public required string Name { get; init; }

    /// <summary>Number of classes.</summary>
    public required int ClassCount { get; init; }

    /// <summary>The examples to draw training sets from.</summary>
    public required IReadOnlyList<LabelledSequence> Pool { get; init; }

    /// <summary>The examples to score on.</summary>
    public required IReadOnlyList<LabelledSequence> Test { get; init; }

    /// <summary>Maximum model input length in tokens ([CLS] and [SEP] included).</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>The n values to run for this task; null: the runner's configured values.</summary>
    public IReadOnlyList<int>? Shots { get; init; }

    /// <summary>Fixed training sets by n (upstream fixtures); a run with such an n trains on it instead of drawing.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<LabelledSequence>> FixedTrainSets { get; init; } = new Dictionary<int, IReadOnlyList<LabelledSequence>>();

    /// <summary>
    /// Train on the fixed sets as the upstream reader sees their quoted lines: an <c>[UNK]</c> at both ends of every
    /// training sequence (reference notes §6.6). Drawn sets and test sets are never changed.
    /// </summary>
    public bool UnknownAroundFixedTrainSets { get; init; }

    /// <summary>
    /// A task whose pool is the training split of loaded task data (dev when train stands in) and whose test is its test split.
    /// </summary>
    /// <exception cref="ArgumentException">The data has no training or no test split.</exception>
    public static FewShotTask FromTaskData(TaskData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var task = data.Descriptor;
        return new FewShotTask
        {
            Name = task.Name,
            ClassCount = task.ClassCount,
            Pool = data.Train ?? throw new ArgumentException($"Task {task.Name} has no training split to draw from.", nameof(data)),
            Test = data.Test ?? throw new ArgumentException($"Task {task.Name} has no test split; a few-shot run needs one.", nameof(data)),
            MaxLength = task.FineTuning?.MaxLength ?? 512,
        };
    }

    /// <summary>
    /// A task that trains on the upstream fixture files (<c>10/train.tsv</c>, <c>50/train.tsv</c>) as published and scores
    /// on the task's <c>test.tsv</c>. The pool is the largest fixture, so other n up to its size can be drawn too.
    /// </summary>
    /// <exception cref="DatasetFormatException">A fixture or the test split is missing or malformed.</exception>
    public static FewShotTask FromFixtures(TaskDescriptor task, string dataRoot) => FromFixtures(task, dataRoot, FewShotTrainingSets.UpstreamFiles);

    /// <summary>
    /// A few-shot task from the upstream files of <paramref name="task"/>, scored on its <c>test.tsv</c>.
    /// <see cref="FewShotTrainingSets.UpstreamFiles"/>: every run of n trains on the file named n, as published (the pool
    /// is the largest file). <see cref="FewShotTrainingSets.DrawnPerSeed"/>: the pool is every published training example
    /// of the task (the files together, each example once, in file order) and every run draws n per class from it with its
    /// seed, for the runner's n values.
    /// </summary>
    /// <exception cref="DatasetFormatException">A fixture or the test split is missing or malformed.</exception>
    /// <exception cref="ArgumentException">The task has no fixtures, or <paramref name="sets"/> is not a defined value.</exception>
    public static FewShotTask FromFixtures(TaskDescriptor task, string dataRoot, FewShotTrainingSets sets)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Enum.IsDefined(sets))
        {
            throw new ArgumentException($"Few-shot training sets {sets} is not one of {string.Join(", ", Enum.GetNames<FewShotTrainingSets>())}.", nameof(sets));
        }

        var files = new Dictionary<int, IReadOnlyList<LabelledSequence>>();
        foreach (var fixture in task.Fixtures)
        {
            files[fixture.Shots] = TaskLoader.ReadFixture(task, dataRoot, fixture.Shots);
        }

        if (files.Count == 0)
        {
            throw new ArgumentException($"Task {task.Name} has no few-shot fixtures.", nameof(task));
        }

        var test = TaskLoader.ReadSplit(task, dataRoot, TaskSplit.Test);
        var maxLength = task.FineTuning?.MaxLength ?? 512;
        if (sets == FewShotTrainingSets.DrawnPerSeed)
        {
            return new FewShotTask { Name = task.Name, ClassCount = task.ClassCount, Pool = UnionOf(files), Test = test, MaxLength = maxLength };
        }

        var largest = task.Fixtures.MaxBy(f => f.ExamplesPerClass)!;
        return new FewShotTask
        {
            Name = task.Name,
            ClassCount = task.ClassCount,
            Pool = files[largest.Shots],
            Test = test,
            MaxLength = maxLength,
            Shots = [.. task.Fixtures.Select(f => f.Shots)],
            FixedTrainSets = files,
        };
    }

    // The published files of a task are disjoint but for a rare repeat (Splice-40: one line in two files): each example once.
    private static List<LabelledSequence> UnionOf(Dictionary<int, IReadOnlyList<LabelledSequence>> files)
    {
        var seen = new HashSet<LabelledSequence>();
        var pool = new List<LabelledSequence>();
        foreach (var n in files.Keys.Order())
        {
            foreach (var example in files[n])
            {
                if (seen.Add(example))
                {
                    pool.Add(example);
                }
            }
        }

        return pool;
    }
}

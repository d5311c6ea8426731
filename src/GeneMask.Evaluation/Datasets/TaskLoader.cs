namespace GeneMask.Evaluation.Datasets;

/// <summary>Loads the files of a <see cref="TaskDescriptor"/> from a data root, checking them against the descriptor.</summary>
public static class TaskLoader
{
    /// <summary>
    /// Loads every split the task has. When a GUE download lacks <c>train.csv</c> but has <c>dev.csv</c>, dev is returned
    /// as <see cref="TaskData.Train"/>, no dev is left for checkpoint selection, and a note says so.
    /// </summary>
    /// <exception cref="DatasetFormatException">A split the task needs is missing (the file is named), or a file breaks a promise (file and line named).</exception>
    public static TaskData Load(TaskDescriptor task, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dataRoot);
        var folder = Path.Combine(dataRoot, task.RelativePath);
        if (task.Format == DatasetFormat.GueCsv && task.Has(TaskSplit.Train) && task.Has(TaskSplit.Dev)
            && !Path.Exists(Path.Combine(folder, task.SplitFileName(TaskSplit.Train))) && File.Exists(Path.Combine(folder, task.SplitFileName(TaskSplit.Dev))))
        {
            // A partial download: dev stands in for train (said in the notes and the reports).
            task = task with { Splits = [.. task.Splits.Where(s => s != TaskSplit.Train)] };
        }

        var notes = new List<string>();
        IReadOnlyList<LabelledSequence>? train = null, dev = null, test = null;
        if (task.Has(TaskSplit.Train))
        {
            train = ReadSplit(task, dataRoot, TaskSplit.Train);
        }

        if (task.Has(TaskSplit.Dev))
        {
            dev = ReadSplit(task, dataRoot, TaskSplit.Dev);
        }

        if (task.Has(TaskSplit.Test))
        {
            test = ReadSplit(task, dataRoot, TaskSplit.Test);
        }
        else
        {
            notes.Add($"{task.Name}: no test split available.");
        }

        if (train is null && dev is not null)
        {
            train = dev;
            dev = null;
            notes.Add($"{task.Name}: train split not available; the dev split ({train.Count} examples) is used for training and no split is left for checkpoint selection.");
        }

        return new TaskData(task, train, dev, test, task.TrainingSplit, notes);
    }

    /// <summary>Reads one split of a task.</summary>
    /// <exception cref="DatasetFormatException">The task has no such split, or its file is missing or malformed.</exception>
    public static IReadOnlyList<LabelledSequence> ReadSplit(TaskDescriptor task, string dataRoot, TaskSplit split)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dataRoot);
        var path = Path.Combine(dataRoot, task.RelativePath, task.SplitFileName(split));
        if (!task.Has(split))
        {
            throw new DatasetFormatException(path, 0,
                $"missing split '{split}': task {task.Name} has only {string.Join(", ", task.Splits)}");
        }

        return ReadFile(task, path);
    }

    /// <summary>Reads an upstream few-shot training file (<c>{n}/train.tsv</c>) and checks it holds the promised examples per class.</summary>
    /// <exception cref="DatasetFormatException">The task has no fixture for <paramref name="shots"/>, the file is missing, or the class counts differ.</exception>
    public static IReadOnlyList<LabelledSequence> ReadFixture(TaskDescriptor task, string dataRoot, int shots)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dataRoot);
        var fixture = task.Fixtures.FirstOrDefault(f => f.Shots == shots);
        var folder = Path.Combine(dataRoot, task.RelativePath);
        if (fixture is null)
        {
            throw new DatasetFormatException(Path.Combine(folder, shots.ToString(System.Globalization.CultureInfo.InvariantCulture), "train.tsv"), 0,
                $"missing split: task {task.Name} has few-shot fixtures for n = {string.Join(", ", task.Fixtures.Select(f => f.Shots))} only");
        }

        var path = Path.Combine(folder, fixture.RelativePath);
        var examples = ReadFile(task, path);
        var counts = new int[task.ClassCount];
        foreach (var example in examples)
        {
            counts[example.Label]++;
        }

        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] != fixture.ExamplesPerClass)
            {
                throw new DatasetFormatException(path, 0,
                    $"class {c} has {counts[c]} examples; the fixture promises {fixture.ExamplesPerClass} per class");
            }
        }

        return examples;
    }

    private static IReadOnlyList<LabelledSequence> ReadFile(TaskDescriptor task, string path)
    {
        if (Directory.Exists(path))
        {
            throw new DatasetFormatException(path, 0, $"is a folder; task {task.Name} expects its split {Path.GetFileName(path)} to be a file");
        }

        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, 0, $"missing split file of task {task.Name} (folder {Path.GetDirectoryName(path)}: expected {Path.GetFileName(path)})");
        }

        var options = task.ReadOptions;
        return task.Format switch
        {
            DatasetFormat.GueCsv => DatasetReader.ReadGueCsv(path, options),
            DatasetFormat.KmerTsv => DatasetReader.ReadKmerTsv(path, options),
            DatasetFormat.LabelledFasta => DatasetReader.ReadLabelledFasta(path, options),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task.Format, "Unknown dataset format."),
        };
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Evaluation.Runs;

/// <summary>
/// A set of runs, stored as JSON so that an interrupted evaluation resumes where it stopped and results of separate
/// machines or separate runs combine. At most one run per <see cref="RunKey"/>; runs are kept in key order.
/// </summary>
public sealed class EvaluationResults
{
    /// <summary>The version written into files; files of other versions are refused.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SortedDictionary<RunKey, EvaluationRun> _runs = new(RunKeyComparer.Instance);

    /// <summary>Creates an empty set.</summary>
    public EvaluationResults()
    {
    }

    /// <summary>Creates a set holding <paramref name="runs"/>.</summary>
    /// <exception cref="ArgumentException">Two runs share a key but differ.</exception>
    public EvaluationResults(IEnumerable<EvaluationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var run in runs)
        {
            Add(run);
        }
    }

    /// <summary>The runs in key order (model, suite, task, n, seed).</summary>
    public IReadOnlyCollection<EvaluationRun> Runs => _runs.Values;

    /// <summary>Number of runs.</summary>
    public int Count => _runs.Count;

    /// <summary>Whether a run with <paramref name="key"/> is present.</summary>
    public bool Contains(RunKey key) => _runs.ContainsKey(key);

    /// <summary>The run with <paramref name="key"/>, if present.</summary>
    public bool TryGet(RunKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EvaluationRun? run) => _runs.TryGetValue(key, out run);

    /// <summary>Adds a run; adding an equal run again is a no-op.</summary>
    /// <exception cref="ArgumentException">A different run with the same key is present (results would be mixed up).</exception>
    public void Add(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_runs.TryGetValue(run.Key, out var existing))
        {
            if (!SameResult(existing, run))
            {
                throw new ArgumentException($"Conflicting results for {Describe(run.Key)}: accuracy {existing.Scores.Accuracy} vs {run.Scores.Accuracy}.", nameof(run));
            }

            return;
        }

        _runs.Add(run.Key, run);
    }

    /// <summary>Combines result sets (e.g. from several machines); identical duplicates collapse, conflicting ones throw.</summary>
    public static EvaluationResults Combine(IEnumerable<EvaluationResults> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return new EvaluationResults(sets.SelectMany(s => s.Runs));
    }

    /// <summary>Serialises to JSON (<c>{"formatVersion":1,"runs":[…]}</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(new ResultsFile(CurrentFormatVersion, [.. Runs]), JsonOptions);

    /// <summary>Parses JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a results file of this version; the message says why.</exception>
    public static EvaluationResults FromJson(string json, string sourceName = "results")
    {
        ArgumentNullException.ThrowIfNull(json);
        ResultsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ResultsFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new GeneMaskFormatException($"{sourceName}: not a results file ({e.Message}).", e);
        }

        if (file is null || file.Runs is null)
        {
            throw new GeneMaskFormatException($"{sourceName}: no 'runs' array.");
        }

        if (file.FormatVersion != CurrentFormatVersion)
        {
            throw new GeneMaskFormatException($"{sourceName}: formatVersion {file.FormatVersion}; expected {CurrentFormatVersion}.");
        }

        try
        {
            return new EvaluationResults(file.Runs);
        }
        catch (ArgumentException e)
        {
            throw new GeneMaskFormatException($"{sourceName}: {e.Message}", e);
        }
    }

    /// <summary>Writes the set to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads a set from <paramref name="path"/>.</summary>
    public static EvaluationResults Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Reads <paramref name="path"/> if it exists, otherwise returns an empty set (to resume a run).</summary>
    public static EvaluationResults LoadOrEmpty(string path) => File.Exists(path) ? Load(path) : new EvaluationResults();

    internal static string Describe(RunKey key) =>
        $"model '{key.Model}', {key.Suite} task '{key.Task}', n = {key.Shots}, seed {key.Seed}";

    private static bool SameResult(EvaluationRun a, EvaluationRun b) =>
        a.TrainCount == b.TrainCount && a.TestCount == b.TestCount && a.TrainingSource == b.TrainingSource
        && a.Scores.ConfusionMatrix.Counts.AsSpan().SequenceEqual(b.Scores.ConfusionMatrix.Counts)
        && Nullable.Equals(a.Scores.RocAuc, b.Scores.RocAuc);

    private sealed record ResultsFile(int FormatVersion, EvaluationRun[] Runs);

    private sealed class RunKeyComparer : IComparer<RunKey>
    {
        public static readonly RunKeyComparer Instance = new();

        public int Compare(RunKey x, RunKey y)
        {
            var c = string.CompareOrdinal(x.Model, y.Model);
            if (c == 0)
            {
                c = x.Suite.CompareTo(y.Suite);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.Task, y.Task);
            }

            if (c == 0)
            {
                c = x.Shots.CompareTo(y.Shots);
            }

            return c == 0 ? x.Seed.CompareTo(y.Seed) : c;
        }
    }
}

using System.Text;
using System.Text.Json;
using GeneMask.Infrastructure;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Appends one JSON object per line to the metrics file, flushed line by line.</summary>
internal sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;

    private MetricsWriter(StreamWriter writer) => _writer = writer;

    /// <summary>
    /// Opens the metrics file of a run. On resume, records after <paramref name="keepUpToStep"/> (written after the
    /// checkpoint by the interrupted run) are dropped so the file reads as one uninterrupted run.
    /// </summary>
    public static MetricsWriter Open(string path, long keepUpToStep)
    {
        if (File.Exists(path))
        {
            var kept = File.ReadLines(path).Where(line => StepOf(line) <= keepUpToStep).ToList();
            AtomicFile.WriteAllText(path, kept.Count == 0 ? string.Empty : string.Join('\n', kept) + "\n");
        }

        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new MetricsWriter(new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true });
    }

    /// <summary>The phase changes recorded in a metrics file (<c>phase_changed_to</c> lines), in step order.</summary>
    public static IReadOnlyList<PhaseChange> ReadPhaseChanges(string path)
    {
        var changes = new List<PhaseChange>();
        if (!File.Exists(path))
        {
            return changes;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line) || !line.Contains("\"phase_changed_to\"", StringComparison.Ordinal))
            {
                continue;
            }

            var record = JsonSerializer.Deserialize<PretrainingMetrics>(line, MetricsJson.Options);
            if (record?.PhaseChangedTo is { } to)
            {
                changes.Add(new PhaseChange(record.Step - 1, record.PhaseChangedFrom ?? "?", to));
            }
        }

        return changes;
    }

    public void Write(PretrainingMetrics record) =>
        _writer.WriteLine(JsonSerializer.Serialize(record, MetricsJson.Options));

    public void Dispose() => _writer.Dispose();

    private static long StepOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("step", out var step) ? step.GetInt64() : long.MaxValue;
        }
        catch (JsonException)
        {
            // A torn last line from a crash: drop it.
            return long.MaxValue;
        }
    }
}

using GeneMask.Models.TorchSharp.Training;

namespace GeneMask.Models.TorchSharp.Tests;

internal sealed class RecordingLogger : Microsoft.Extensions.Logging.ILogger<SequenceClassifierTrainer>
{
    public List<(int EventId, Dictionary<string, object?> Values)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
        Entries.Add((eventId.Id, values));
    }
}

using Microsoft.Extensions.Logging;

namespace GeneMask.Reproduction.Comparison;

internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "Comparison stage {Stage} finished in {Seconds:F1} s")]
    public static partial void StageFinished(ILogger logger, string stage, double seconds);

    [LoggerMessage(302, LogLevel.Information, "Comparison stage {Stage} reused from {Directory}")]
    public static partial void Reused(ILogger logger, string stage, string directory);

    [LoggerMessage(303, LogLevel.Information, "Context gate of kmer-span passed: {Passed} (gap on [MASK]-input positions {Gap:F3} nats, required {Margin:F2})")]
    public static partial void GateChecked(ILogger logger, bool passed, double gap, double margin);
}

using Microsoft.Extensions.Logging;

namespace GeneMask.Reproduction;

internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Reproduction of Table {Table} ({Preset} preset): {StageCount} stages, output {OutputDirectory}")]
    public static partial void ReproductionStarted(ILogger logger, int table, string preset, int stageCount, string outputDirectory);

    [LoggerMessage(102, LogLevel.Information, "Stage {Stage} finished in {Seconds:F1} s")]
    public static partial void StageFinished(ILogger logger, string stage, double seconds);

    [LoggerMessage(103, LogLevel.Information, "Stage {Stage} reused from an earlier run in {Directory}")]
    public static partial void StageReused(ILogger logger, string stage, string directory);
}

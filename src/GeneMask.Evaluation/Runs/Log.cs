using Microsoft.Extensions.Logging;

namespace GeneMask.Evaluation.Runs;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Evaluating {Model}: {Total} runs, {Resumed} already in the results")]
    public static partial void EvaluationStarted(ILogger logger, string model, int total, int resumed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Run {Task} n={Shots} seed={Seed}: training on {TrainCount} examples ({Source}), testing on {TestCount}")]
    public static partial void RunStarted(ILogger logger, string task, int shots, int seed, int trainCount, string source, int testCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Run {Task} n={Shots} seed={Seed}: accuracy {Accuracy:F4}, MCC {Mcc:F4} in {ElapsedSeconds:F1} s")]
    public static partial void RunFinished(ILogger logger, string task, int shots, int seed, double accuracy, double mcc, double elapsedSeconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Run {Task} n={Shots} seed={Seed} is already in the results; skipped")]
    public static partial void RunResumed(ILogger logger, string task, int shots, int seed);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Saved {Count} runs to {Path}")]
    public static partial void ResultsSaved(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Task}: {Note}")]
    public static partial void TaskNote(ILogger logger, string task, string note);
}

using Microsoft.Extensions.Logging;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Source-generated log messages of the trainers.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Pretraining {ParameterCount} parameters for {MaxSteps} steps on {Device} ({Precision}), starting at step {StartStep}")]
    public static partial void PretrainingStarted(ILogger logger, long parameterCount, long maxSteps, string device, string precision, long startStep);

    [LoggerMessage(2, LogLevel.Information, "Step {Step}: loss {Loss:F4}, lr {LearningRate:E3}, strategy {Strategy}, p {MaskingProbability:F4}, {TokensPerSecond:F0} tokens/s")]
    public static partial void StepCompleted(ILogger logger, long step, double loss, double learningRate, string strategy, double maskingProbability, double tokensPerSecond);

    [LoggerMessage(3, LogLevel.Information, "Step {Step}: validation loss {Loss:F4}, perplexity {Perplexity:F3}")]
    public static partial void Evaluated(ILogger logger, long step, double loss, double perplexity);

    [LoggerMessage(4, LogLevel.Information, "Step {Step}: curriculum phase changed from {From} to {To}")]
    public static partial void PhaseChanged(ILogger logger, long step, string from, string to);

    [LoggerMessage(5, LogLevel.Information, "Step {Step}: checkpoint written to {Path}")]
    public static partial void CheckpointWritten(ILogger logger, long step, string path);

    [LoggerMessage(6, LogLevel.Information, "Resuming from {Path} at step {Step}")]
    public static partial void Resumed(ILogger logger, string path, long step);

    [LoggerMessage(7, LogLevel.Error, "Step {Step}: loss is {Loss}; stopping. Last good checkpoint: {Checkpoint}")]
    public static partial void Diverged(ILogger logger, long step, double loss, string checkpoint);

    [LoggerMessage(8, LogLevel.Information, "Fine-tuning {Task}: {TrainCount} train, {DevCount} dev, {TestCount} test, {Steps} steps, seed {Seed}")]
    public static partial void FineTuneStarted(ILogger logger, string task, int trainCount, int devCount, int testCount, long steps, int seed);

    [LoggerMessage(9, LogLevel.Information, "{Task} epoch {Epoch}: train loss {TrainLoss:F4}, dev loss {DevLoss:F4}, dev accuracy {DevAccuracy:F4}")]
    public static partial void FineTuneEpoch(ILogger logger, string task, int epoch, double trainLoss, double devLoss, double devAccuracy);

    [LoggerMessage(10, LogLevel.Information, "{Task}: selected epoch {Epoch} (dev loss {DevLoss:F4})")]
    public static partial void FineTuneSelected(ILogger logger, string task, int epoch, double devLoss);

    // Ids from 30 on: mixed precision.
    [LoggerMessage(30, LogLevel.Warning, "Step {Step}: fp16 gradients overflowed at loss scale {Scale}; optimizer step skipped ({Skipped} so far)")]
    public static partial void StepSkipped(ILogger logger, long step, double scale, long skipped);
}

using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Curriculum {Scheduler}: phase {Phase} (strategy {Strategy}, p = {Probability}) from step {Step}, batch {BatchIndex} (was {Previous}).")]
    public static partial void PhaseChanged(ILogger logger, string scheduler, string phase, string strategy, double probability, long step, long batchIndex, string previous);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Curriculum {Scheduler}: validation perplexity {Perplexity} at step {Step}.")]
    public static partial void EvaluationRecorded(ILogger logger, string scheduler, double perplexity, long step);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "CM-GEMS: perplexity change {Change} below threshold {Threshold} ({Rule}) at step {Step}; switching to {Phase} for the rest of the run.")]
    public static partial void CmGemsSwitch(ILogger logger, double change, double threshold, CmGemsSwitchRule rule, long step, string phase);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "CM-GEMS: evaluating every {Interval} steps in a {TotalSteps}-step run leaves fewer than two evaluations before the end, so the curriculum cannot switch before the last step. Evaluate more often.")]
    public static partial void CmGemsCannotSwitch(ILogger logger, int interval, long totalSteps);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Curriculum {Scheduler}: state restored ({Evaluations} evaluations, switch step {SwitchStep}).")]
    public static partial void StateRestored(ILogger logger, string scheduler, int evaluations, long? switchStep);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Batch producer: batch {BatchIndex} was made for phase {Made} but the curriculum now says {Now}; masked again.")]
    public static partial void BatchRemasked(ILogger logger, long batchIndex, string made, string now);
}

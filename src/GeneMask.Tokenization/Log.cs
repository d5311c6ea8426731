using Microsoft.Extensions.Logging;

namespace GeneMask.Tokenization;

/// <summary>Log messages of the tokenization package.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reading {File}")]
    public static partial void ReadingFile(ILogger logger, string file);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Corpus written to {Folder}: {TrainRows} training rows, {ValidationRows} validation rows, {Duplicates} duplicate chunks dropped")]
    public static partial void CorpusWritten(ILogger logger, string folder, long trainRows, long validationRows, long duplicates);
}

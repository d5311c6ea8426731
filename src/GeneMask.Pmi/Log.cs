using Microsoft.Extensions.Logging;

namespace GeneMask.Pmi;

/// <summary>Source-generated log messages of the PMI package.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Counted n-grams up to {K} over {Bytes} bytes ({Bases} A/C/G/T bases) on {Workers} worker(s) in {Seconds:F2} s ({MegabytesPerSecond:F1} MB/s)")]
    public static partial void Counted(ILogger logger, long bytes, long bases, int k, int workers, double seconds, double megabytesPerSecond);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Counting '{Path}' ({FileIndex} of {FileCount})")]
    public static partial void CountingFile(ILogger logger, string path, int fileIndex, int fileCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Finished '{Path}': {Bytes} bytes in {Records} record(s)")]
    public static partial void FileCounted(ILogger logger, string path, long bytes, long records);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Ranked {KmerCount} {K}-mers ({Definition}, c = {MinCount}): {Kept} with count ≥ c, {Windows} windows of length {K}")]
    public static partial void Ranked(ILogger logger, int kmerCount, int k, PmiDefinition definition, int minCount, int kept, long windows);
}

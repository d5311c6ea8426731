namespace GeneMask.Tokenization;

/// <summary>Progress of <see cref="PretrainingCorpusBuilder.Build"/>.</summary>
/// <param name="BytesRead">Bytes of the input files read so far (compressed bytes for gzip files).</param>
/// <param name="TotalBytes">Size of all input files.</param>
/// <param name="BasesRead">Bases read so far.</param>
/// <param name="Rows">Rows written so far (both splits).</param>
public readonly record struct PretrainingCorpusProgress(long BytesRead, long TotalBytes, long BasesRead, long Rows);

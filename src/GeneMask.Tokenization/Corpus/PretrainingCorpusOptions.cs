namespace GeneMask.Tokenization;

/// <summary>
/// Settings of <see cref="PretrainingCorpusBuilder"/>; the defaults are the GeneMask/DNABERT protocol (chunks of 510
/// bases with probability 0.5, else uniform in 5…510; 6-mers; 10 % validation).
/// </summary>
public sealed class PretrainingCorpusOptions
{
    /// <summary>The k of the k-mers written (1…8). Default 6.</summary>
    public int K { get; set; } = KmerTokenizer.DefaultK;

    /// <summary>
    /// The full chunk length in bases. Default 510, as the paper describes; the upstream GeneMask script slices one base
    /// more (511), which this option reproduces.
    /// </summary>
    public int MaxChunkBases { get; set; } = 510;

    /// <summary>The smallest chunk length drawn in bases. Default 5. Chunks with fewer than k bases hold no k-mer and are dropped (and counted).</summary>
    public int MinChunkBases { get; set; } = 5;

    /// <summary>The probability that a chunk has the full length <see cref="MaxChunkBases"/>; otherwise its length is uniform in [min, max]. Default 0.5.</summary>
    public double FullLengthProbability { get; set; } = 0.5;

    /// <summary>
    /// The probability that a (de-duplicated) chunk goes to the validation split, drawn per chunk from the seeded
    /// generator, so the split is about, not exactly, this share (it streams: no chunk is held back). Default 0.1.
    /// </summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>The seed of every random choice: the same seed and input give byte-identical files. Default 42.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Whether identical chunks are written once (the first occurrence is kept). Default true.</summary>
    public bool Deduplicate { get; set; } = true;

    /// <summary>
    /// Write only chunks of exactly <see cref="MaxChunkBases"/> bases: no drawn lengths (<see cref="FullLengthProbability"/>
    /// and <see cref="MinChunkBases"/> are ignored) and a record's shorter last piece is dropped (and counted), so every
    /// row has the same number of k-mers. Default false (the GeneMask protocol).
    /// </summary>
    public bool FullLengthOnly { get; set; }
}

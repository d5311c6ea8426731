using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>
/// The k-mer frequencies of a corpus with add-<c>α</c> smoothing over the 4^k k-mer ids: the context-free predictor
/// behind <see cref="MaskedEvaluationSet.ScoreContextFree"/> and <see cref="MaskedEvaluationSet.ScoreCopyBaseline"/>.
/// </summary>
public sealed class KmerFrequencies
{
    private readonly double[] _negativeLog;

    private KmerFrequencies(long[] counts, double pseudocount, int vocabularySize)
    {
        Counts = counts;
        Pseudocount = pseudocount;
        _negativeLog = new double[vocabularySize];
        var kmers = vocabularySize - SpecialTokens.Count;
        double total = pseudocount * kmers;
        for (var id = SpecialTokens.Count; id < vocabularySize; id++)
        {
            total += counts[id];
        }

        Array.Fill(_negativeLog, double.PositiveInfinity);
        for (var id = SpecialTokens.Count; id < vocabularySize; id++)
        {
            _negativeLog[id] = -Math.Log((counts[id] + pseudocount) / total);
        }

        // [UNK] (a k-mer with a base other than A/C/G/T) gets the probability of an unseen k-mer.
        _negativeLog[SpecialTokens.Unknown] = -Math.Log((counts[SpecialTokens.Unknown] + pseudocount) / (total + counts[SpecialTokens.Unknown] + pseudocount));
    }

    /// <summary>Occurrences of every id.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>The smoothing count added to every k-mer.</summary>
    public double Pseudocount { get; }

    /// <summary>Counts the ids of every row of <paramref name="corpus"/>.</summary>
    /// <param name="corpus">The (training) corpus.</param>
    /// <param name="pseudocount">Add-α smoothing, ≥ 0. Default 1 (Laplace).</param>
    public static KmerFrequencies FromCorpus(TokenCorpus corpus, double pseudocount = 1)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var counts = new long[corpus.VocabularySize];
        var buffer = new int[Math.Max(1, corpus.MaxRowLength)];
        for (long row = 0; row < corpus.RowCount; row++)
        {
            var length = corpus.CopyRow(row, buffer);
            foreach (var id in buffer.AsSpan(0, length))
            {
                counts[id]++;
            }
        }

        return FromCounts(counts, pseudocount);
    }

    /// <summary>Frequencies from counts indexed by token id (length = vocabulary size).</summary>
    /// <exception cref="ArgumentException">The counts are too short for a vocabulary, negative, or the pseudocount is invalid.</exception>
    public static KmerFrequencies FromCounts(IReadOnlyList<long> counts, double pseudocount = 1)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count <= SpecialTokens.Count)
        {
            throw new ArgumentException($"KmerFrequencies: {counts.Count} counts cannot cover a vocabulary with {SpecialTokens.Count} special tokens and k-mers.", nameof(counts));
        }

        if (!(pseudocount >= 0) || double.IsInfinity(pseudocount))
        {
            throw new ArgumentOutOfRangeException(nameof(pseudocount), pseudocount, "The pseudocount must be finite and ≥ 0.");
        }

        var copy = counts.ToArray();
        for (var id = 0; id < copy.Length; id++)
        {
            if (copy[id] < 0)
            {
                throw new ArgumentException($"KmerFrequencies: the count of id {id} is negative ({copy[id]}).", nameof(counts));
            }
        }

        return new KmerFrequencies(copy, pseudocount, copy.Length);
    }

    /// <summary>−ln p(<paramref name="id"/>); +∞ for special tokens other than [UNK], and for unseen k-mers without smoothing.</summary>
    public double NegativeLogProbability(int id) =>
        (uint)id < (uint)_negativeLog.Length ? _negativeLog[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"Not an id of a vocabulary of {_negativeLog.Length}.");

    /// <summary>The entropy (nats) of the smoothed k-mer distribution: the context-free loss of positions drawn like the corpus.</summary>
    public double Entropy()
    {
        double h = 0;
        for (var id = SpecialTokens.Count; id < _negativeLog.Length; id++)
        {
            var nl = _negativeLog[id];
            if (double.IsFinite(nl))
            {
                h += Math.Exp(-nl) * nl;
            }
        }

        return h;
    }
}

namespace GeneMask.Masking;

/// <summary>
/// Fixed rows under one fixed masking: the batches are collated and masked once, from a fixed seed, so every model
/// (and the context-free baseline) scored on the set predicts exactly the same positions from exactly the same inputs.
/// </summary>
public sealed class MaskedEvaluationSet
{
    private readonly MlmBatch[] _batches;

    private MaskedEvaluationSet(string name, MlmBatch[] batches)
    {
        Name = name;
        _batches = batches;
        PredictedTokens = batches.Sum(b => (long)b.PredictedTokens);
    }

    /// <summary>The masking's name (e.g. <c>kmer-span</c>).</summary>
    public string Name { get; }

    /// <summary>The masked batches, in order.</summary>
    public IReadOnlyList<MlmBatch> Batches => _batches;

    /// <summary>Positions to predict over all batches.</summary>
    public long PredictedTokens { get; }

    /// <summary>Collates and masks <paramref name="rows"/> in batches of <paramref name="batchSize"/> with <paramref name="phase"/>.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="rows">k-mer id rows (no [CLS]/[SEP]).</param>
    /// <param name="collator">The collator; its seed fixes the masks.</param>
    /// <param name="phase">The masking.</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <exception cref="ArgumentException">No rows, or the masking selects no position in any of them.</exception>
    public static MaskedEvaluationSet Create(string name, IReadOnlyList<int[]> rows, MlmCollator collator, MaskingPhase phase, int batchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(collator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (rows.Count == 0)
        {
            throw new ArgumentException($"Masked evaluation set '{name}': no rows.", nameof(rows));
        }

        var batches = new List<MlmBatch>();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var slice = new int[Math.Min(batchSize, rows.Count - start)][];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = rows[start + i];
            }

            var batch = collator.Collate(slice, batches.Count, phase);
            batches.Add(batch);
        }

        var set = new MaskedEvaluationSet(name, [.. batches]);
        if (set.PredictedTokens == 0)
        {
            throw new ArgumentException($"Masked evaluation set '{name}': the masking '{phase.Name}' selects no position in {rows.Count} rows; use more rows.", nameof(rows));
        }

        return set;
    }

    /// <summary>
    /// The context-free loss: the mean over the predicted positions of −ln p(original k-mer) under
    /// <paramref name="frequencies"/>, i.e. the loss of a predictor that ignores the input and always answers the
    /// training set's k-mer frequencies. A model that learned anything from context must go below it.
    /// </summary>
    public double ContextFreeLoss(KmerFrequencies frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        double sum = 0;
        foreach (var batch in _batches)
        {
            var labels = batch.Labels.AsSpan(0, batch.ElementCount);
            foreach (var label in labels)
            {
                if (label != MlmBatch.IgnoreLabel)
                {
                    sum += frequencies.NegativeLogProbability((int)label);
                }
            }
        }

        return sum / PredictedTokens;
    }
}

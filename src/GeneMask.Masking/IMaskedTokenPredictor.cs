namespace GeneMask.Masking;

/// <summary>
/// A source of predicted distributions at the predicted positions of a masked batch: a model's output, or a predictor
/// built by hand. <see cref="MaskedEvaluationSet.Score"/> turns them into a <see cref="MaskedLoss"/>, so every source is
/// scored by the same accounting.
/// </summary>
public interface IMaskedTokenPredictor
{
    /// <summary>Writes the natural-log probability of every id of the vocabulary at each of <paramref name="positions"/>.</summary>
    /// <param name="batch">
    /// The masked batch. A predictor that stands for a model reads what a model sees: <see cref="MlmBatch.InputIds"/>
    /// and <see cref="MlmBatch.AttentionMask"/>.
    /// </param>
    /// <param name="positions">Flat indices (row × <see cref="MlmBatch.SequenceLength"/> + column) of the predicted positions, ascending.</param>
    /// <param name="logProbabilities">
    /// <c>positions.Length</c> × vocabulary size values, one row per position; each row a distribution (its
    /// probabilities sum to 1).
    /// </param>
    void PredictLogProbabilities(MlmBatch batch, ReadOnlySpan<int> positions, Span<float> logProbabilities);
}

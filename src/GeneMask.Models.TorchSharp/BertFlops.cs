namespace GeneMask.Models.TorchSharp;

/// <summary>
/// Model FLOPs (multiply-adds counted as 2) of BERT training steps, from the architecture alone: the honest
/// denominator for "achieved GFLOP/s" (recomputation and framework overhead are not counted).
/// </summary>
public static class BertFlops
{
    /// <summary>Forward FLOPs of the encoder for <paramref name="batchSize"/> rows of <paramref name="sequenceLength"/> tokens.</summary>
    public static double EncoderForward(BertConfig config, int batchSize, int sequenceLength)
    {
        ArgumentNullException.ThrowIfNull(config);
        double h = config.HiddenSize, i = config.IntermediateSize, t = sequenceLength;
        var tokens = (double)batchSize * sequenceLength;

        // Per token and layer: Q, K, V and output projections (4·2h²), the two FFN matrices (2·2hi),
        // attention scores QKᵀ and the weighted sum of V (2·2·t·h).
        var perTokenLayer = (8 * h * h) + (4 * h * i) + (4 * t * h);
        return tokens * config.LayerCount * perTokenLayer;
    }

    /// <summary>Forward FLOPs of the masked-LM head over <paramref name="predictedTokens"/> positions (transform + tied decoder).</summary>
    public static double MaskedLmHeadForward(BertConfig config, long predictedTokens)
    {
        ArgumentNullException.ThrowIfNull(config);
        double h = config.HiddenSize;
        return predictedTokens * ((2 * h * h) + (2 * h * config.VocabularySize));
    }

    /// <summary>
    /// FLOPs of one masked-LM training micro-step: forward plus backward (twice the forward: gradients with respect to
    /// activations and to weights).
    /// </summary>
    public static double MaskedLmTrainingStep(BertConfig config, int batchSize, int sequenceLength, long predictedTokens) =>
        3 * (EncoderForward(config, batchSize, sequenceLength) + MaskedLmHeadForward(config, predictedTokens));
}

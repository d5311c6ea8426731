namespace GeneMask.Masking.Tests;

/// <summary>The context-free predictor: the k-mer frequencies at every position, whatever the input.</summary>
internal sealed class FrequencyPredictor(KmerFrequencies frequencies, int vocabularySize) : IMaskedTokenPredictor
{
    private readonly float[] _row = Row(frequencies, vocabularySize);

    public void PredictLogProbabilities(MlmBatch batch, ReadOnlySpan<int> positions, Span<float> logProbabilities)
    {
        for (var i = 0; i < positions.Length; i++)
        {
            _row.CopyTo(logProbabilities.Slice(i * _row.Length, _row.Length));
        }
    }

    /// <summary>ln f(id) over the k-mer ids, −∞ for the special tokens (a distribution over k-mers).</summary>
    public static float[] Row(KmerFrequencies frequencies, int vocabularySize)
    {
        var row = new float[vocabularySize];
        for (var id = 0; id < vocabularySize; id++)
        {
            row[id] = id < SpecialTokens.Count ? float.NegativeInfinity : (float)-frequencies.NegativeLogProbability(id);
        }

        return row;
    }
}

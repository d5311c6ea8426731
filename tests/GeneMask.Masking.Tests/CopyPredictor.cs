namespace GeneMask.Masking.Tests;

/// <summary>
/// The copy predictor: no context at all. On [MASK] the k-mer frequencies; on a visible token v, ½ on v and the other ½
/// spread by the frequencies.
/// </summary>
internal sealed class CopyPredictor(KmerFrequencies frequencies, int vocabularySize) : IMaskedTokenPredictor
{
    private readonly double[] _probabilities = FrequencyPredictor.Row(frequencies, vocabularySize).Select(l => Math.Exp(l)).ToArray();

    public void PredictLogProbabilities(MlmBatch batch, ReadOnlySpan<int> positions, Span<float> logProbabilities)
    {
        var v = _probabilities.Length;
        for (var i = 0; i < positions.Length; i++)
        {
            var input = (int)batch.InputIds[positions[i]];
            var row = logProbabilities.Slice(i * v, v);
            for (var id = 0; id < v; id++)
            {
                var p = input == SpecialTokens.Mask ? _probabilities[id] : (0.5 * _probabilities[id]) + (id == input ? 0.5 : 0);
                row[id] = (float)Math.Log(p);
            }
        }
    }
}

namespace GeneMask.Masking.Tests;

/// <summary>
/// A predictor that reads the neighbours: it rebuilds each predicted 6-mer's bases from the row's unmasked tokens (the
/// tokens that are not predicted) and is uniform over the bases none of them shows. It ignores the predicted
/// position's own input. Written independently of <see cref="MaskedEvaluationSet.ScoreNeighbourOracle"/>: per position
/// it looks at the unmasked tokens that overlap it.
/// </summary>
internal sealed class NeighbourPredictor(int k = 6) : IMaskedTokenPredictor
{
    public void PredictLogProbabilities(MlmBatch batch, ReadOnlySpan<int> positions, Span<float> logProbabilities)
    {
        var vocabulary = SpecialTokens.Count + Nucleotides.KmerCount(k);
        var length = batch.SequenceLength;
        var known = new int[k];
        for (var i = 0; i < positions.Length; i++)
        {
            var row = positions[i] / length;
            var column = positions[i] % length;
            var last = batch.RowLengths[row] - 2; // the last k-mer column
            Array.Fill(known, -1);

            // The token at column c' covers bases c' − 1 … c' + k − 2; base j of this k-mer is base column − 1 + j.
            for (var other = Math.Max(1, column - k + 1); other <= Math.Min(last, column + k - 1); other++)
            {
                var index = (row * length) + other;
                var id = batch.InputIds[index];
                if (batch.Predicted[index] || id < SpecialTokens.Count)
                {
                    continue;
                }

                for (var j = 0; j < k; j++)
                {
                    var offset = column + j - other; // the base's place inside the other token
                    if (offset >= 0 && offset < k)
                    {
                        known[j] = (int)((id - SpecialTokens.Count) >> (2 * (k - 1 - offset))) & 3;
                    }
                }
            }

            var unknown = known.Count(b => b < 0);
            var output = logProbabilities.Slice(i * vocabulary, vocabulary);
            output.Fill(float.NegativeInfinity);
            var logP = (float)(-unknown * Math.Log(4));
            for (var combination = 0; combination < 1 << (2 * unknown); combination++)
            {
                var code = 0;
                var shift = 0;
                for (var j = 0; j < k; j++)
                {
                    var b = known[j];
                    if (b < 0)
                    {
                        b = (combination >> shift) & 3;
                        shift += 2;
                    }

                    code = (code << 2) | b;
                }

                output[SpecialTokens.Count + code] = logP;
            }
        }
    }
}

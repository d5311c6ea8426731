namespace GeneMask.Masking.Tests;

/// <summary>Masked batches written by hand: which tokens are predicted and what their input shows are given, not drawn.</summary>
internal static class HandBatches
{
    public static KmerTokenizer Tokenizer { get; } = KmerTokenizer.Create(6);

    /// <summary>The 6-mer ids of <paramref name="bases"/>.</summary>
    public static int[] Kmers(string bases) => Tokenizer.EncodeKmers(bases);

    /// <summary>
    /// One batch of <paramref name="rows"/> (k-mer ids, no [CLS]/[SEP]); <paramref name="inputOf"/> gives, for token t of
    /// row r, the input of a predicted token, or null when the token is not predicted.
    /// </summary>
    public static MlmBatch Create(int[][] rows, Func<int, int, long?> inputOf)
    {
        var length = rows.Max(r => r.Length) + 2;
        var batch = new MlmBatch();
        batch.SetShape(rows.Length, length);
        var predicted = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            var start = r * length;
            var ids = batch.IdBuffer.AsSpan(start, length);
            ids.Clear();
            ids[0] = SpecialTokens.Cls;
            rows[r].CopyTo(ids[1..]);
            ids[rows[r].Length + 1] = SpecialTokens.Sep;
            batch.LengthBuffer[r] = rows[r].Length + 2;
            for (var c = 0; c < length; c++)
            {
                batch.InputIds[start + c] = ids[c];
                batch.Labels[start + c] = MlmBatch.IgnoreLabel;
                batch.AttentionMask[start + c] = c < rows[r].Length + 2 ? 1 : 0;
                batch.SelectedBuffer[start + c] = false;
            }

            for (var t = 0; t < rows[r].Length; t++)
            {
                if (inputOf(r, t) is { } input)
                {
                    var i = start + t + 1;
                    batch.Labels[i] = rows[r][t];
                    batch.InputIds[i] = input;
                    batch.SelectedBuffer[i] = true;
                    predicted++;
                }
            }
        }

        batch.PredictedTokens = predicted;
        return batch;
    }

    /// <summary>A set of one hand-made batch in which the tokens in <paramref name="predicted"/> of every row are predicted from [MASK].</summary>
    public static MaskedEvaluationSet MaskedAt(int[][] rows, params (int Row, int First, int Last)[] predicted) =>
        MaskedEvaluationSet.FromBatches("hand", [Create(rows, (r, t) => predicted.Any(p => p.Row == r && t >= p.First && t <= p.Last) ? SpecialTokens.Mask : null)], 6);

    /// <summary>Deterministic pseudo-random bases (no N).</summary>
    public static string Bases(int count, int seed)
    {
        var random = new Random(seed);
        return string.Create(count, random, (span, rng) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Nucleotides.Alphabet[rng.Next(4)];
            }
        });
    }
}

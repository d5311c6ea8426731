namespace GeneMask.Masking;

/// <summary>
/// A mean masked-LM loss (nats per predicted token) on a <see cref="MaskedEvaluationSet"/>, split by what the input
/// shows at the predicted position: <c>[MASK]</c> (the 80 % part of 80/10/10), a random token, or the true token.
/// </summary>
/// <remarks>
/// Only the <c>[MASK]</c> positions measure context cleanly: where the input is a real token, half of the time it is the
/// answer, so a predictor that copies its input scores well there without reading any neighbour.
/// </remarks>
/// <param name="MaskTokens">Predicted positions whose input is <c>[MASK]</c>.</param>
/// <param name="MaskTokenLoss">The mean loss on them; NaN when there are none.</param>
/// <param name="RandomTokens">Predicted positions whose input is a token other than the true one.</param>
/// <param name="RandomTokenLoss">The mean loss on them; NaN when there are none.</param>
/// <param name="OriginalTokens">Predicted positions whose input is the true token.</param>
/// <param name="OriginalTokenLoss">The mean loss on them; NaN when there are none.</param>
public sealed record MaskedLoss(long MaskTokens, double MaskTokenLoss, long RandomTokens, double RandomTokenLoss, long OriginalTokens, double OriginalTokenLoss)
{
    /// <summary>All predicted positions.</summary>
    public long PredictedTokens => MaskTokens + RandomTokens + OriginalTokens;

    /// <summary>The mean loss over all predicted positions: the full 80/10/10 loss.</summary>
    public double Loss => PredictedTokens == 0
        ? double.NaN
        : (Sum(MaskTokens, MaskTokenLoss) + Sum(RandomTokens, RandomTokenLoss) + Sum(OriginalTokens, OriginalTokenLoss)) / PredictedTokens;

    /// <summary>The loss from per-kind counts and sums, indexed by <see cref="PredictedInputKind"/>.</summary>
    internal static MaskedLoss FromSums(ReadOnlySpan<long> counts, ReadOnlySpan<double> sums) => new(
        counts[(int)PredictedInputKind.MaskToken], Mean(counts[(int)PredictedInputKind.MaskToken], sums[(int)PredictedInputKind.MaskToken]),
        counts[(int)PredictedInputKind.RandomToken], Mean(counts[(int)PredictedInputKind.RandomToken], sums[(int)PredictedInputKind.RandomToken]),
        counts[(int)PredictedInputKind.OriginalToken], Mean(counts[(int)PredictedInputKind.OriginalToken], sums[(int)PredictedInputKind.OriginalToken]));

    private static double Mean(long count, double sum) => count == 0 ? double.NaN : sum / count;

    private static double Sum(long count, double mean) => count == 0 ? 0 : count * mean;
}

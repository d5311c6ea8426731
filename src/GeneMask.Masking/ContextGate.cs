using System.Globalization;

namespace GeneMask.Masking;

/// <summary>
/// The learning gate that measures context: on a fixed k-mer-span evaluation set, the k-mer-span model's loss on the
/// positions whose input is <c>[MASK]</c> must be at least <see cref="DefaultMargin"/> nats below the context-free loss
/// on exactly those positions. No predictor without context can pass it: on <c>[MASK]</c> inputs there is nothing to
/// copy, and the best context-free answer is the k-mer frequencies themselves.
/// </summary>
public static class ContextGate
{
    /// <summary>The required gap, in nats.</summary>
    public const double DefaultMargin = 1.0;

    /// <summary>Applies the gate.</summary>
    /// <param name="modelLoss">The model's <see cref="MaskedLoss.MaskTokenLoss"/> (from <see cref="MaskedEvaluationSet.Score"/>).</param>
    /// <param name="contextFreeLoss">The context-free <see cref="MaskedLoss.MaskTokenLoss"/> on the same set (<see cref="MaskedEvaluationSet.ScoreContextFree"/>).</param>
    /// <param name="copyBaselineLoss">The copy baseline's full loss on the same set (<see cref="MaskedEvaluationSet.ScoreCopyBaseline"/>'s <see cref="MaskedLoss.Loss"/>), reported beside.</param>
    /// <param name="margin">The required gap, finite and ≥ 0. Default <see cref="DefaultMargin"/>.</param>
    /// <returns>The outcome; a loss that is not finite fails.</returns>
    public static ContextGateResult Evaluate(double modelLoss, double contextFreeLoss, double copyBaselineLoss, double margin = DefaultMargin)
    {
        if (!(margin >= 0) || double.IsInfinity(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The gate's margin must be finite and ≥ 0.");
        }

        var gap = contextFreeLoss - modelLoss;
        var passed = double.IsFinite(modelLoss) && double.IsFinite(contextFreeLoss) && gap >= margin;
        var inv = CultureInfo.InvariantCulture;
        var losses = string.Create(inv, $"{modelLoss:F3} vs {contextFreeLoss:F3}; at least {margin:F2} required; copy-aware context-free baseline on the full loss {copyBaselineLoss:F3}");
        string message;
        if (passed)
        {
            message = string.Create(inv, $"PASSED: on the positions whose input is [MASK], the kmer-span arm's loss is {gap:F3} nats below the context-free loss ({losses}), so the models predict masked k-mers from their context.");
        }
        else if (!double.IsFinite(gap))
        {
            message = string.Create(inv, $"FAILED: the loss on [MASK]-input positions could not be measured ({losses}); nothing says the models use context, and no difference is claimed.");
        }
        else
        {
            var where = Math.Round(gap, 3) >= 0 ? string.Create(inv, $"only {Math.Max(0, gap):F3} nats below") : string.Create(inv, $"{-gap:F3} nats above");
            message = string.Create(inv, $"FAILED: on the positions whose input is [MASK], the kmer-span arm's loss is {where} the context-free loss ({losses}); nothing says the models use context, and no difference is claimed.");
        }

        return new ContextGateResult(passed, modelLoss, contextFreeLoss, margin, gap, copyBaselineLoss, message);
    }
}

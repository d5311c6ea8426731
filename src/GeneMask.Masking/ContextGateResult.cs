namespace GeneMask.Masking;

/// <summary>What the context gate found.</summary>
/// <param name="Passed">Whether the model's loss on <c>[MASK]</c>-input positions is at least <paramref name="Margin"/> below the context-free loss there.</param>
/// <param name="ModelLoss">The model's loss on the <c>[MASK]</c>-input positions (nats per token).</param>
/// <param name="ContextFreeLoss">The context-free loss on the same positions.</param>
/// <param name="Margin">The required gap (nats).</param>
/// <param name="Gap"><paramref name="ContextFreeLoss"/> − <paramref name="ModelLoss"/>.</param>
/// <param name="CopyBaselineLoss">The copy-aware context-free baseline on the full 80/10/10 loss, printed beside for reference.</param>
/// <param name="Message">One sentence whose words follow the outcome.</param>
public sealed record ContextGateResult(bool Passed, double ModelLoss, double ContextFreeLoss, double Margin, double Gap, double CopyBaselineLoss, string Message);

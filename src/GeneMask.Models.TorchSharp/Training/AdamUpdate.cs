using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// One Adam/AdamW update of one parameter, operation for operation as TorchSharp's <c>Adam.step</c> and
/// <c>AdamW.step</c> compute it (the same numbers), but with Scalars that outlive each LibTorch call
/// (<see cref="TorchScalars"/>): TorchSharp's steps convert their doubles to Scalars a garbage collection can free mid-call.
/// </summary>
internal static class AdamUpdate
{
    /// <summary>
    /// p ← p(1 − lr·wd); m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε).
    /// With <paramref name="weightDecay"/> 0 this is Adam without weight decay.
    /// </summary>
    /// <param name="parameter">The parameter p, updated in place.</param>
    /// <param name="gradient">Its gradient g.</param>
    /// <param name="expAvg">The first moment m, updated in place.</param>
    /// <param name="expAvgSq">The second moment v, updated in place.</param>
    /// <param name="step">The step number t, from 1.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">wd (decoupled, as AdamW).</param>
    public static void Apply(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, long step, double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        if (weightDecay != 0)
        {
            using var decay = (1 - (learningRate * weightDecay)).ToScalar();
            parameter.mul_(decay);
        }

        using var b1 = beta1.ToScalar();
        using var c1 = (1 - beta1).ToScalar();
        using var b2 = beta2.ToScalar();
        using var c2 = (1 - beta2).ToScalar();
        using var root2 = Math.Sqrt(1 - Math.Pow(beta2, step)).ToScalar();
        using var eps = epsilon.ToScalar();
        using var stepSize = (-learningRate / (1 - Math.Pow(beta1, step))).ToScalar();
        expAvg.mul_(b1).add_(gradient, c1);
        expAvgSq.mul_(b2).addcmul_(gradient, gradient, c2);
        var denominator = expAvgSq.sqrt().div_(root2).add_(eps, TorchScalars.One);
        parameter.addcdiv_(expAvg, denominator, stepSize);
    }
}

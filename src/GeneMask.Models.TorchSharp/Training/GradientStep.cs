using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>The end of a training step shared by the trainers: clipping, then the optimizer step unless fp16 overflowed.</summary>
internal static class GradientStep
{
    /// <summary>The loss to call backward on (scaled when a loss scaler is in use).</summary>
    public static Tensor ForBackward(Tensor loss, DynamicLossScaler? scaler) => scaler is null ? loss : scaler.ScaleLoss(loss);

    /// <summary>Clips the gradients to <paramref name="maxNorm"/> and steps; returns false for a skipped (overflowed) step.</summary>
    public static bool ClipAndStep(OptimizerHelper optimizer, Parameter[] parameters, double maxNorm, DynamicLossScaler? scaler)
    {
        if (scaler is null)
        {
            nn.utils.clip_grad_norm_(parameters, maxNorm);
            optimizer.step();
            return true;
        }

        if (!scaler.UnscaleAndClip(parameters, maxNorm))
        {
            return false;
        }

        optimizer.step();
        return true;
    }
}

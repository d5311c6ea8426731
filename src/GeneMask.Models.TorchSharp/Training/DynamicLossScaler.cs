using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// Dynamic loss scaling for float16 compute, as PyTorch's <c>GradScaler</c>: the loss is multiplied by
/// <see cref="Scale"/> before backward so that small gradients do not flush to zero in fp16; the float32 gradients
/// are unscaled before clipping; a step whose gradients overflowed (inf or NaN) is skipped and counted and the scale
/// halves; after <see cref="GrowthInterval"/> clean steps in a row it doubles.
/// </summary>
internal sealed class DynamicLossScaler
{
    /// <summary>PyTorch's default initial scale, 2¹⁶.</summary>
    public const double DefaultInitialScale = 65_536;

    /// <summary>PyTorch's default number of clean steps before the scale grows.</summary>
    public const int DefaultGrowthInterval = 2_000;

    public DynamicLossScaler(double initialScale = DefaultInitialScale, int growthInterval = DefaultGrowthInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initialScale, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(growthInterval, 1);
        Scale = initialScale;
        GrowthInterval = growthInterval;
    }

    /// <summary>The current loss scale.</summary>
    public double Scale { get; private set; }

    /// <summary>Clean steps needed before the scale doubles.</summary>
    public int GrowthInterval { get; }

    /// <summary>Clean steps since the last change of the scale.</summary>
    public int CleanSteps { get; private set; }

    /// <summary>Optimizer steps skipped because their gradients overflowed.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>A scaler for <paramref name="precision"/>: only float16 compute needs one.</summary>
    public static DynamicLossScaler? For(ModelPrecision precision, double initialScale = DefaultInitialScale) =>
        precision == ModelPrecision.Fp16Mixed ? new DynamicLossScaler(initialScale) : null;

    /// <summary>Continues from a checkpoint's state (the resumed run then scales exactly as the uninterrupted one).</summary>
    public void Restore(double scale, int cleanSteps, long skippedSteps)
    {
        if (!(scale > 0) || !double.IsFinite(scale) || cleanSteps < 0 || skippedSteps < 0)
        {
            throw new InvalidDataException($"Invalid loss-scaler state in the checkpoint: scale {scale}, clean steps {cleanSteps}, skipped {skippedSteps}.");
        }

        Scale = scale;
        CleanSteps = cleanSteps;
        SkippedSteps = skippedSteps;
    }

    /// <summary>The loss to call backward on.</summary>
    public Tensor ScaleLoss(Tensor loss) => loss.Times(Scale);

    /// <summary>
    /// Unscales the gradients and clips their global norm to <paramref name="maxNorm"/> in one multiplication, or, when
    /// the gradients overflowed, leaves them and reports a skip (the caller must not step). Updates the scale.
    /// </summary>
    /// <returns>True when the optimizer should step.</returns>
    public bool UnscaleAndClip(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        using var scope = NewDisposeScope();
        var gradients = new List<Tensor>(parameters.Count);
        foreach (var parameter in parameters)
        {
            if (parameter.grad is { } gradient)
            {
                gradients.Add(gradient);
            }
        }

        if (gradients.Count == 0)
        {
            return Clean();
        }

        var scaledNorm = stack(gradients.Select(g => g.norm()).ToArray()).norm().item<float>();
        var norm = scaledNorm / Scale;
        if (!double.IsFinite(norm))
        {
            SkippedSteps++;
            CleanSteps = 0;
            Scale *= 0.5;
            return false;
        }

        // clip_grad_norm_'s coefficient (norm + 1e-6 guards a zero norm), folded into the unscaling.
        var coefficient = Math.Min(1.0, maxNorm / (norm + 1e-6)) / Scale;
        using var noGrad = no_grad();
        using var factor = coefficient.ToScalar();
        foreach (var gradient in gradients)
        {
            gradient.mul_(factor);
        }

        return Clean();
    }

    private bool Clean()
    {
        if (++CleanSteps >= GrowthInterval)
        {
            Scale *= 2;
            CleanSteps = 0;
        }

        return true;
    }
}

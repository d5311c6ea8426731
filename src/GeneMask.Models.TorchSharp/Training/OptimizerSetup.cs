using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>AdamW with BERT's parameter groups and the linear warm-up / linear decay schedule (for custom training loops).</summary>
public static class OptimizerSetup
{
    /// <summary>
    /// AdamW over the distinct parameters of <paramref name="model"/> (the tied decoder is the word embedding matrix
    /// and is counted once): weight decay on weight matrices, none on biases and LayerNorm weights.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="learningRate">Initial learning rate (the schedule sets it per step).</param>
    /// <param name="weightDecay">Decoupled weight decay of the weight matrices.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <returns>The optimizer: group 0 with decay, group 1 without.</returns>
    public static AdamW CreateAdamW(nn.Module model, double learningRate, double weightDecay, double beta1, double beta2, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(model);
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        var decay = new List<Parameter>();
        var noDecay = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad || !seen.Add(parameter))
            {
                continue;
            }

            (IsExemptFromDecay(name) ? noDecay : decay).Add(parameter);
        }

        var groups = new List<AdamW.ParamGroup>
        {
            new(decay, new AdamW.Options { LearningRate = learningRate, weight_decay = weightDecay, beta1 = beta1, beta2 = beta2, eps = epsilon }),
            new(noDecay, new AdamW.Options { LearningRate = learningRate, weight_decay = 0.0, beta1 = beta1, beta2 = beta2, eps = epsilon }),
        };
        return new FusedAdamW(groups, learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /// <summary>Biases and LayerNorm parameters take no weight decay (as in BERT and the GeneMask scripts).</summary>
    /// <param name="parameterName">A state-dict parameter name.</param>
    public static bool IsExemptFromDecay(string parameterName) =>
        parameterName.EndsWith("bias", StringComparison.Ordinal) || parameterName.Contains("LayerNorm.", StringComparison.Ordinal);

    /// <summary>
    /// Learning rate of optimizer step <paramref name="step"/> (1-based) of <paramref name="totalSteps"/>: rises
    /// linearly to <paramref name="peak"/> over <paramref name="warmupSteps"/> steps, then falls linearly so that the
    /// last step still learns (peak / (total − warmup)); no step is spent at rate 0.
    /// </summary>
    /// <param name="step">The optimizer step, 1-based.</param>
    /// <param name="warmupSteps">Warm-up steps (0 for none).</param>
    /// <param name="totalSteps">Steps of the run.</param>
    /// <param name="peak">The peak learning rate.</param>
    public static double LinearWarmupDecay(long step, long warmupSteps, long totalSteps, double peak)
    {
        if (step < 1 || step > totalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Step must be in 1..{totalSteps}.");
        }

        if (step <= warmupSteps)
        {
            return peak * step / warmupSteps;
        }

        return peak * (totalSteps - step + 1) / (totalSteps - warmupSteps);
    }

    internal static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    /// <summary>A seed for step-local randomness (dropout) derived from the run seed and the step (SplitMix64).</summary>
    internal static long DeriveSeed(long seed, long step)
    {
        unchecked
        {
            var z = (ulong)seed + (0x9E3779B97F4A7C15UL * (ulong)(step + 1));
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)((z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL);
        }
    }
}

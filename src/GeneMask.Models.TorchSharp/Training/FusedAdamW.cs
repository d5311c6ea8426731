using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// AdamW with the same state, checkpoint format and update rule as TorchSharp's, computed in one vectorised pass over
/// each float32 CPU parameter instead of eight tensor operations with temporaries. The update is memory-bound, so one
/// pass instead of eight is what makes it several times faster (a LOGO-family model's optimizer step was a third of a
/// few-shot step). Other devices and dtypes take the same update as tensor operations (<see cref="AdamUpdate"/>, whose
/// Scalars outlive their LibTorch calls). The variants AMSGrad and maximize are not supported (the trainers use neither).
/// </summary>
internal sealed class FusedAdamW : AdamW
{
    public FusedAdamW(IEnumerable<ParamGroup> groups, double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        : base(groups, learningRate, beta1, beta2, epsilon, weightDecay)
    {
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (!_parameter_groups.All(g => g.Options is Options { amsgrad: false, maximize: false }))
        {
            throw new NotSupportedException("FusedAdamW implements neither AMSGrad nor maximize.");
        }

        Tensor? loss = null;
        if (closure is not null)
        {
            using var grad = enable_grad();
            loss = closure();
        }

        using var noGrad = no_grad();
        foreach (var group in _parameter_groups)
        {
            var options = (Options)group.Options;
            var lr = options.LearningRate!.Value;
            foreach (var parameter in group.Parameters)
            {
                using var gradient = parameter.grad;
                if (gradient is null)
                {
                    continue;
                }

                var state = (State)_state[parameter.Handle];
                state.step += 1;
                if (!Fusable(parameter))
                {
                    AdamUpdate.Apply(parameter, gradient, state.exp_avg, state.exp_avg_sq, state.step, lr, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.weight_decay!.Value);
                    continue;
                }

                Update(
                    MemoryMarshal.Cast<byte, float>(parameter.bytes),
                    MemoryMarshal.Cast<byte, float>(gradient.bytes),
                    MemoryMarshal.Cast<byte, float>(state.exp_avg.bytes),
                    MemoryMarshal.Cast<byte, float>(state.exp_avg_sq.bytes),
                    lr,
                    options.beta1!.Value,
                    options.beta2!.Value,
                    options.eps!.Value,
                    options.weight_decay!.Value,
                    state.step);
            }
        }

        return loss!;
    }

    /// <summary>
    /// Drops the gradients instead of zeroing them (PyTorch's <c>set_to_none</c>): the next backward then writes each
    /// gradient instead of adding it to zeros, which saves two passes over all gradients per step. A parameter left
    /// without a gradient is skipped by clipping and by <see cref="step"/>, as in PyTorch.
    /// </summary>
    public override void zero_grad()
    {
        foreach (var group in _parameter_groups)
        {
            foreach (var parameter in group.Parameters)
            {
                parameter.grad = null;
            }
        }
    }

    /// <summary>
    /// One AdamW update in place: p ← p(1 − lr·wd); m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
    /// p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε), in float32 as TorchSharp computes it.
    /// </summary>
    internal static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, double lr, double beta1, double beta2, double eps, double weightDecay, long step)
    {
        var decay = (float)(1 - (lr * weightDecay));
        var b1 = (float)beta1;
        var c1 = (float)(1 - beta1);
        var b2 = (float)beta2;
        var c2 = (float)(1 - beta2);
        var inverseRoot2 = (float)(1 / Math.Sqrt(1 - Math.Pow(beta2, step)));
        var stepSize = (float)(lr / (1 - Math.Pow(beta1, step)));
        var epsilon = (float)eps;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= p.Length - width; i += width)
            {
                var gi = new Vector<float>(g[i..]);
                var mi = (new Vector<float>(m[i..]) * b1) + (gi * c1);
                var vi = (new Vector<float>(v[i..]) * b2) + (gi * gi * c2);
                var denominator = (Vector.SquareRoot(vi) * inverseRoot2) + new Vector<float>(epsilon);
                var pi = (new Vector<float>(p[i..]) * decay) - (stepSize * mi / denominator);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                pi.CopyTo(p[i..]);
            }
        }

        for (; i < p.Length; i++)
        {
            var gi = g[i];
            m[i] = (m[i] * b1) + (gi * c1);
            v[i] = (v[i] * b2) + (gi * gi * c2);
            p[i] = (p[i] * decay) - (stepSize * m[i] / ((MathF.Sqrt(v[i]) * inverseRoot2) + epsilon));
        }
    }

    private static bool Fusable(Parameter parameter) =>
        parameter.device_type == global::TorchSharp.DeviceType.CPU && parameter.dtype == ScalarType.Float32 && parameter.is_contiguous();
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

/// <summary>
/// The compute dtype of the forward pass running on this thread, for mixed precision (TorchSharp has no autocast).
/// Inside a scope with a compute dtype, linear layers (and therefore the attention that follows them) run in that
/// dtype while the weights stay float32; LayerNorm, the residual sums (bf16 + fp32 promotes to fp32) and the losses
/// run in float32. The weight casts are part of the autograd graph, so the gradients reach the float32 master
/// weights as float32 and are accumulated there.
/// </summary>
internal static class Autocast
{
    [ThreadStatic]
    private static ScalarType? t_compute;

    /// <summary>The compute dtype of the current scope; null outside any (plain float32 or pure-dtype modules).</summary>
    public static ScalarType? Current => t_compute;

    /// <summary>Enters a scope; null computes in the weights' own dtype. Scopes nest and restore on dispose.</summary>
    public static Scope Enter(ScalarType? compute)
    {
        var previous = t_compute;
        t_compute = compute;
        return new Scope(previous);
    }

    /// <summary><paramref name="layer"/> applied in the compute dtype (its own call outside a scope).</summary>
    public static Tensor Linear(Linear layer, Tensor input)
    {
        if (t_compute is not { } dtype)
        {
            return layer.call(input);
        }

        using var bias = layer.bias?.to_type(dtype);
        using var weight = layer.weight!.to_type(dtype);
        return nn.functional.linear(input.to_type(dtype), weight, bias);
    }

    /// <summary>A linear map with weights that are not one module's (the tied decoder, Q/K/V concatenated) in the compute dtype.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        if (t_compute is not { } dtype)
        {
            return nn.functional.linear(input, weight, bias);
        }

        using var castWeight = weight.to_type(dtype);
        using var castBias = bias?.to_type(dtype);
        return nn.functional.linear(input.to_type(dtype), castWeight, castBias);
    }

    /// <summary>LayerNorm in float32 inside a scope: bf16/fp16 statistics over 768 features lose too much.</summary>
    public static Tensor Norm(LayerNorm norm, Tensor input) =>
        t_compute is null ? norm.call(input) : norm.call(input.to_type(ScalarType.Float32));

    /// <summary>Restores the previous compute dtype.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ScalarType? _previous;

        internal Scope(ScalarType? previous) => _previous = previous;

        public void Dispose() => t_compute = _previous;
    }
}

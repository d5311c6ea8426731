using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

/// <summary>The numeric format of weights and computation.</summary>
public enum ModelPrecision
{
    /// <summary>32-bit floats (default).</summary>
    Fp32,

    /// <summary>bfloat16 weights and compute; losses are still reduced in float32.</summary>
    Bf16,
}

/// <summary>Resolves where a model runs.</summary>
public static class TorchDevices
{
    /// <summary>
    /// A torch device from a name: <c>cpu</c> (default) or <c>cuda</c> / <c>cuda:N</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for but is not available in this process.</exception>
    /// <exception cref="ArgumentException">The name is neither cpu nor cuda.</exception>
    public static Device Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            return CPU;
        }

        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            if (!cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"Device '{name}' was requested but CUDA is not available: no GPU was found or the CPU build of libtorch is loaded (reference the libtorch-cuda package on a GPU machine).");
            }

            return device(name.ToLowerInvariant());
        }

        throw new ArgumentException($"Unknown device '{name}'; expected 'cpu', 'cuda' or 'cuda:N'.", nameof(name));
    }

    /// <summary>The torch dtype of a precision.</summary>
    public static ScalarType ToScalarType(this ModelPrecision precision) => precision switch
    {
        ModelPrecision.Fp32 => ScalarType.Float32,
        ModelPrecision.Bf16 => ScalarType.BFloat16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };
}

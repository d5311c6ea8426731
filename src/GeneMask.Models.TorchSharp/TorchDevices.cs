using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

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

    /// <summary>
    /// The precision to train with on <paramref name="device"/> when speed matters: <see cref="ModelPrecision.Bf16Mixed"/>
    /// on a CPU with bf16 matrix instructions (AVX-512 BF16 or AMX-BF16, read from <c>/proc/cpuinfo</c>), where it
    /// trains within 0.001 nats of float32 (docs/benchmarks.md) at up to twice the speed; <see cref="ModelPrecision.Fp32"/>
    /// on other CPUs (bf16 is emulated there, and slower) and on GPUs (choose Bf16Mixed or Fp16Mixed for the GPU at hand).
    /// </summary>
    /// <param name="device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    public static ModelPrecision RecommendedPrecision(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Trim().Equals("cpu", StringComparison.OrdinalIgnoreCase) && CpuHasBf16.Value ? ModelPrecision.Bf16Mixed : ModelPrecision.Fp32;
    }

    private static readonly Lazy<bool> CpuHasBf16 = new(() =>
    {
        try
        {
            var flags = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) : null;
            return flags is not null && flags.Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries).Any(f => f is "avx512_bf16" or "amx_bf16");
        }
        catch (IOException)
        {
            return false;
        }
    });

    /// <summary>The torch dtype of the weights: float32 except for pure <see cref="ModelPrecision.Bf16"/>.</summary>
    public static ScalarType ToScalarType(this ModelPrecision precision) => precision switch
    {
        ModelPrecision.Fp32 or ModelPrecision.Bf16Mixed or ModelPrecision.Fp16Mixed => ScalarType.Float32,
        ModelPrecision.Bf16 => ScalarType.BFloat16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>The dtype of the linear layers' compute in mixed precision; null when the weights' dtype is used.</summary>
    public static ScalarType? ComputeScalarType(this ModelPrecision precision) => precision switch
    {
        ModelPrecision.Fp32 or ModelPrecision.Bf16 => null,
        ModelPrecision.Bf16Mixed => ScalarType.BFloat16,
        ModelPrecision.Fp16Mixed => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };
}

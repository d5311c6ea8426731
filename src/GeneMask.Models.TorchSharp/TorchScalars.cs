using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

/// <summary>
/// Scalars that outlive the LibTorch call reading them. TorchSharp's convenience overloads (<c>a + b</c>, <c>t * 0.5</c>,
/// <c>t.mul_(x)</c>, <c>masked_fill(m, x)</c>, its optimizers' steps) convert numbers to a <see cref="Scalar"/> that
/// nothing references once its handle has been passed to LibTorch: a garbage collection during the call lets the
/// finalizer free the native value while the kernel still reads it. LibTorch then fails with "Expected false to be
/// true" from <c>c10::Scalar::toFloat</c>, or computes with whatever the freed memory holds. Code here therefore only
/// passes Scalars it owns: <see cref="One"/> (rooted for the life of the process, only ever read) or one it disposes
/// after the call (<c>using var s = x.ToScalar();</c>). A test scans this assembly for calls that break the rule.
/// </summary>
internal static class TorchScalars
{
    private static readonly Scalar s_one = Create();

    /// <summary>1: the alpha of a plain sum (<c>a.add(b, One)</c> instead of <c>a + b</c>).</summary>
    public static Scalar One => s_one;

    /// <summary><paramref name="left"/> + <paramref name="right"/> (with broadcasting), as <c>+</c> computes it.</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, s_one);

    /// <summary><paramref name="tensor"/> × <paramref name="factor"/>, as <c>*</c> computes it.</summary>
    public static Tensor Times(this Tensor tensor, double factor)
    {
        using var scalar = factor.ToScalar();
        return tensor.mul(scalar);
    }

    private static Scalar Create()
    {
        TorchNativeLibrary.EnsureLoaded();
        return 1.ToScalar();
    }
}

using GeneMask.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

/// <summary>
/// Dropout whose draws come from a generator owned by the training loop running on this thread rather than from
/// torch's global generator, so that several training loops on several threads (one torch thread each) each stay
/// reproducible. The keep mask is drawn in .NET (<see cref="SeededRandom"/>, one 64-bit draw per two elements) into a
/// byte tensor: about ten times faster than LibTorch's <c>bernoulli_</c> on AMD CPUs (a serial loop there), and the
/// same masks on every CPU (LibTorch draws them with MKL on Intel CPUs only). Outside a <see cref="Seed"/> scope, and
/// on GPUs, dropout uses torch's global generator as usual.
/// </summary>
internal static class DropoutRandom
{
    [ThreadStatic]
    private static Draws? t_draws;

    /// <summary>Seeds this thread's dropout draws for one micro-batch (on a GPU: torch's global generator).</summary>
    /// <returns>A scope that restores the previous state.</returns>
    public static Scope Seed(long seed, Device device)
    {
        if (device.type != global::TorchSharp.DeviceType.CPU)
        {
            random.manual_seed(seed);
            return default;
        }

        // One state per thread, reseeded per micro-batch: nothing is created per step.
        var draws = t_draws ??= new Draws();
        var scope = new Scope(draws.Seeded, draws.Random);
        draws.Random = new SeededRandom(unchecked((ulong)seed));
        draws.Seeded = true;
        return scope;
    }

    /// <summary>True when this thread draws from its own generator.</summary>
    public static bool IsSeeded => t_draws is { Seeded: true };

    /// <summary>Inverted dropout of <paramref name="input"/> with drop probability <paramref name="p"/> in training.</summary>
    public static Tensor Apply(Tensor input, double p, bool training)
    {
        if (!training || p <= 0)
        {
            return input.alias();
        }

        if (t_draws is not { Seeded: true } draws || input.device_type != global::TorchSharp.DeviceType.CPU)
        {
            return nn.functional.dropout(input, p, training: true);
        }

        using var keep = empty(input.shape, ScalarType.Byte);
        Fill(ref draws.Random, keep.bytes, 1 - p);
        using var kept = (1 - p).ToScalar();
        return input.mul(keep).div_(kept);
    }

    /// <summary>1 with probability <paramref name="keep"/>, else 0: each 64-bit draw decides two elements by 32 bits each.</summary>
    internal static void Fill(ref SeededRandom random, Span<byte> mask, double keep)
    {
        var threshold = (ulong)Math.Round(keep * 4294967296.0);
        var i = 0;
        for (; i + 1 < mask.Length; i += 2)
        {
            var bits = random.NextUInt64();
            mask[i] = (bits & 0xFFFFFFFFUL) < threshold ? (byte)1 : (byte)0;
            mask[i + 1] = (bits >> 32) < threshold ? (byte)1 : (byte)0;
        }

        if (i < mask.Length)
        {
            mask[i] = (random.NextUInt64() & 0xFFFFFFFFUL) < threshold ? (byte)1 : (byte)0;
        }
    }

    /// <summary>Restores the previous state of this thread's draws.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _restores;
        private readonly bool _wasSeeded;
        private readonly SeededRandom _previous;

        internal Scope(bool wasSeeded, SeededRandom previous) => (_restores, _wasSeeded, _previous) = (true, wasSeeded, previous);

        public void Dispose()
        {
            if (_restores)
            {
                t_draws!.Seeded = _wasSeeded;
                t_draws.Random = _previous;
            }
        }
    }

    private sealed class Draws
    {
        public SeededRandom Random;

        public bool Seeded;
    }
}

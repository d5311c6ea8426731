using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

/// <summary>
/// Dropout whose draws come from a generator owned by the training loop running on this thread rather than from
/// torch's global generator, so that several training loops on several threads (one torch thread each) each stay
/// reproducible. Outside a <see cref="Seed"/> scope, and on GPUs, dropout uses torch's global generator as usual.
/// </summary>
internal static class DropoutRandom
{
    [ThreadStatic]
    private static Generator? t_generator;

    /// <summary>Seeds this thread's dropout draws for one micro-batch (on a GPU: torch's global generator).</summary>
    /// <returns>A scope that restores the previous generator.</returns>
    public static Scope Seed(long seed, Device device)
    {
        if (device.type != global::TorchSharp.DeviceType.CPU)
        {
            random.manual_seed(seed);
            return new Scope(t_generator, null);
        }

        var generator = new Generator(unchecked((ulong)seed));
        var previous = t_generator;
        t_generator = generator;
        return new Scope(previous, generator);
    }

    /// <summary>True when this thread draws from its own generator.</summary>
    public static bool IsSeeded => t_generator is not null;

    /// <summary>Inverted dropout of <paramref name="input"/> with drop probability <paramref name="p"/> in training.</summary>
    public static Tensor Apply(Tensor input, double p, bool training)
    {
        if (!training || p <= 0)
        {
            return input.alias();
        }

        if (t_generator is not { } generator || input.device_type != global::TorchSharp.DeviceType.CPU)
        {
            return nn.functional.dropout(input, p, training: true);
        }

        using var keep = empty_like(input).bernoulli_(1 - p, generator);
        using var kept = (1 - p).ToScalar();
        return input.mul(keep).div_(kept);
    }

    /// <summary>Restores the previous generator and frees this scope's.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Generator? _previous;
        private readonly Generator? _own;

        internal Scope(Generator? previous, Generator? own) => (_previous, _own) = (previous, own);

        public void Dispose()
        {
            if (_own is not null)
            {
                t_generator = _previous;
                _own.Dispose();
            }
        }
    }
}

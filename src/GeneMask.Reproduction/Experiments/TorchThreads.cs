using GeneMask.Models.TorchSharp;
using TorchSharp;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// The engine's rule for CPU jobs: every job computes with one torch thread, because LibTorch's results depend on its
/// thread count (the same seed gives other weights with 1 and 2 threads). Parallelism comes from running jobs side by
/// side (<see cref="ConcurrentWork"/>). Torch's thread count is the process's: the scope sets it and restores it.
/// </summary>
internal sealed class TorchThreads : IDisposable
{
    private readonly int? _previous;

    private TorchThreads(int? previous) => _previous = previous;

    /// <summary>One torch thread while the scope lasts, on the CPU; nothing changes for a GPU.</summary>
    public static TorchThreads OnePerJob(string device)
    {
        TorchNativeLibrary.EnsureLoaded();
        if (TorchDevices.Resolve(device).type != DeviceType.CPU)
        {
            return new TorchThreads(null);
        }

        var previous = torch.get_num_threads();
        torch.set_num_threads(1);
        return new TorchThreads(previous);
    }

    public void Dispose()
    {
        if (_previous is { } n)
        {
            torch.set_num_threads(n);
        }
    }
}

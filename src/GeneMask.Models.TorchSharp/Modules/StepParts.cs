using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

/// <summary>
/// Marks where each part of a forward pass (a projection, the attention core, a LayerNorm, …) ends, so that a profiler
/// observing the thread can time the parts of a training step one by one (the benchmarks' <c>profile</c> command). Without
/// an observer a mark is one thread-static read and returns its tensor unchanged.
/// </summary>
internal static class StepParts
{
    [ThreadStatic]
    private static IStepPartObserver? t_observer;

    /// <summary><paramref name="output"/>, or the observer's stand-in for it, at the end of <paramref name="part"/>.</summary>
    public static Tensor End(string part, Tensor output) => t_observer is { } observer ? observer.OnPartEnd(part, output) : output;

    /// <summary>Observes this thread's forward passes until the returned scope is disposed.</summary>
    public static Scope Observe(IStepPartObserver observer)
    {
        var previous = t_observer;
        t_observer = observer;
        return new Scope(previous);
    }

    /// <summary>Restores the previous observer.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly IStepPartObserver? _previous;

        internal Scope(IStepPartObserver? previous) => _previous = previous;

        public void Dispose() => t_observer = _previous;
    }
}

namespace GeneMask.Infrastructure;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its action on the thread that reports, before <see cref="Report"/> returns
/// (<see cref="Progress{T}"/> posts to the captured synchronisation context or the thread pool, so reports may arrive
/// late, out of order, or after the work has finished). The action must be quick and, when the work reports from
/// several threads, thread-safe.
/// </summary>
/// <typeparam name="T">The progress value.</typeparam>
/// <param name="report">Called with every reported value.</param>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Action<T> _report = report ?? throw new ArgumentNullException(nameof(report));

    /// <inheritdoc/>
    public void Report(T value) => _report(value);
}

using System.Runtime.ExceptionServices;
using GeneMask.Models.TorchSharp;
using TorchSharp;

namespace GeneMask.Reproduction.Experiments;

/// <summary>Runs independent jobs on a few dedicated threads, taking them strictly in list order.</summary>
internal static class ConcurrentWork
{
    /// <summary>The workers of an experiment: <paramref name="asked"/>, or one per CPU core when 0; one on a GPU.</summary>
    public static int Workers(string device, int asked) =>
        TorchDevices.Resolve(device).type != DeviceType.CPU ? 1
        : asked > 0 ? asked
        : Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Runs <paramref name="body"/> for every job, on <paramref name="workers"/> threads (the calling thread alone for
    /// one). The first failure stops the other workers (through the token they receive) and is rethrown as it was.
    /// </summary>
    public static void Run<T>(IReadOnlyList<T> jobs, int workers, Action<T, CancellationToken> body, CancellationToken cancellationToken)
    {
        if (workers <= 1 || jobs.Count <= 1)
        {
            foreach (var job in jobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(job, cancellationToken);
            }

            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        var threads = Enumerable.Range(0, Math.Min(workers, jobs.Count)).Select(w => new Thread(() =>
        {
            try
            {
                int index;
                while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < jobs.Count)
                {
                    body(jobs[index], stop.Token);
                }
            }
            catch (Exception e)
            {
                // The first failure wins; the others are usually the cancellation it caused.
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        })
        {
            IsBackground = true,
            Name = $"experiment worker {w + 1}",
        }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

using GeneMask.Models.TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// Times the parts of one training step. Forward: the time from one part's end mark (<see cref="StepParts"/>) to the
/// next. Backward: the autograd graph is cut at every mark (the next part continues from a detached copy that requires
/// gradients), and the pieces are back-propagated one at a time, last part first, each from the gradient its
/// successors accumulated in its copy; the gradients reaching the weights are the same as from one backward call.
/// One torch thread on the CPU computes synchronously on the calling thread, whose CPU time (<see cref="ThreadCpuClock"/>)
/// around each call measures it.
/// </summary>
internal sealed class PartRecorder : IStepPartObserver, IDisposable
{
    private readonly List<Segment> _segments = [];
    private double _start;

    /// <summary>Forward and backward milliseconds per part name, summed over the part's occurrences (e.g. layers).</summary>
    public Dictionary<string, (double Forward, double Backward, int Count)> Times { get; } = new(StringComparer.Ordinal);

    /// <summary>Part names in the order of their first occurrence.</summary>
    public List<string> Order { get; } = [];

    /// <summary>Bytes per element of each part's output.</summary>
    public Dictionary<string, long> ElementSizes { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts timing the first part.</summary>
    public void Start() => _start = ThreadCpuClock.Now();

    public Tensor OnPartEnd(string part, Tensor output)
    {
        var elapsed = ThreadCpuClock.Now() - _start;
        var kept = output.alias().DetachFromDisposeScope();
        var cut = output.detach();
        if (output.requires_grad)
        {
            cut.requires_grad_(true);
        }

        cut.DetachFromDisposeScope();
        _segments.Add(new Segment(part, kept, cut));
        ElementSizes[part] = output.ElementSize;
        Add(part, elapsed, 0, 1);
        var continuation = cut.alias();
        _start = ThreadCpuClock.Now();
        return continuation;
    }

    /// <summary>Back-propagates the recorded pieces, last first, from the last part's output (the loss).</summary>
    public void Backward()
    {
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            var segment = _segments[i];
            var last = i == _segments.Count - 1;
            using var gradient = last ? null : segment.Cut.grad;
            if (!segment.Output.requires_grad || (!last && gradient is null))
            {
                continue;
            }

            var start = ThreadCpuClock.Now();
            segment.Output.backward(last ? null : [gradient!]);
            Add(segment.Part, 0, ThreadCpuClock.Now() - start, 0);
        }
    }

    /// <summary>Adds a part timed outside the forward pass (clipping, the optimizer).</summary>
    public void Add(string part, double forward, double backward, int count)
    {
        if (!Times.TryGetValue(part, out var t))
        {
            Order.Add(part);
        }

        Times[part] = (t.Forward + forward, t.Backward + backward, t.Count + count);
    }

    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            segment.Output.Dispose();
            segment.Cut.Dispose();
        }

        _segments.Clear();
    }

    private sealed record Segment(string Part, Tensor Output, Tensor Cut);
}

using System.CommandLine;
using System.CommandLine.Invocation;

namespace GeneMask.Samples;

/// <summary>Runs an action on a thread-pool thread (see <c>SampleCommands.RunOnWorkerThreads</c>).</summary>
internal sealed class WorkerThreadAction(AsynchronousCommandLineAction inner) : AsynchronousCommandLineAction
{
    public override Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default) =>
        Task.Run(() => inner.InvokeAsync(parseResult, cancellationToken), CancellationToken.None);
}

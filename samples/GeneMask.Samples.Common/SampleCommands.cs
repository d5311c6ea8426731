using GeneMask.Reproduction.Comparison;
using System.CommandLine;
using System.CommandLine.Invocation;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>Assembles the command line of the sample apps: one line per command.</summary>
public static class SampleCommands
{
    /// <summary>Builds the root command: the subcommands, and the default action run without arguments.</summary>
    /// <param name="app">The app being built.</param>
    /// <param name="console">Where output goes; the terminal when null.</param>
    /// <param name="error">Where error messages go; standard error when null.</param>
    /// <param name="standardInput">Opens what <c>--fasta -</c> reads; the process's standard input when null.</param>
    public static RootCommand Build(SampleApp app, IAnsiConsole? console = null, TextWriter? error = null, Func<Stream>? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var context = new SampleContext(console ?? AnsiConsole.Console, app)
        {
            Error = error ?? Console.Error,
            StandardInput = standardInput ?? Console.OpenStandardInput,
        };
        var root = new RootCommand(app.Description);
        root.Subcommands.Add(StatsCommand.Create(context));
        root.Subcommands.Add(CorpusCommand.Create(context));
        root.Subcommands.Add(PmiCommand.Create(context));
        root.Subcommands.Add(MaskCommand.Create(context));
        root.Subcommands.Add(PretrainCommand.Create(context));
        root.Subcommands.Add(FineTuneCommand.CreateFewShot(context));
        root.Subcommands.Add(FineTuneCommand.CreateGue(context));
        root.Subcommands.Add(ReproduceCommand.Create(context));
        root.Subcommands.Add(FigureCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        RunOnWorkerThreads(root);

        // Without a command: the main job, the paired comparison of masking strategies on the shipped data.
        root.SetAction((_, cancellationToken) => Task.Run(() => CompareCommand.Run(
            context,
            MaskingComparisonOptions.Default,
            new ComparisonInputs([SampleData.HumanGenome], SampleData.Folder, Path.GetFullPath(CompareCommand.DefaultOutput)),
            cancellationToken), CancellationToken.None));
        return root;
    }

    /// <summary>
    /// Makes every command run on a worker thread: System.CommandLine handles Ctrl+C (SIGINT, SIGTERM) only once the
    /// action has returned its task, so a command running on the calling thread would be killed without cancelling,
    /// leaving the temporary files it was writing.
    /// </summary>
    private static void RunOnWorkerThreads(Command command)
    {
        if (command.Action is AsynchronousCommandLineAction action)
        {
            command.Action = new WorkerThreadAction(action);
        }

        foreach (var subcommand in command.Subcommands)
        {
            RunOnWorkerThreads(subcommand);
        }
    }

    /// <summary>Parses and runs the command line; returns the exit code.</summary>
    /// <remarks>A command line that does not parse is one line on standard error (<see cref="ParseErrors"/>) and exit code 1.</remarks>
    public static Task<int> RunAsync(string[] args, SampleApp app, IAnsiConsole? console = null, InvocationConfiguration? configuration = null, Func<Stream>? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parse = Build(app, console, configuration?.Error, standardInput).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            (configuration?.Error ?? Console.Error).WriteLine("error: " + ParseErrors.Describe(parse));
            return Task.FromResult(SampleContext.UserErrorExitCode);
        }

        // Ctrl+C cancels the token; allow time for the step in flight to finish and the checkpoint to stay whole.
        return parse.InvokeAsync(configuration ?? new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
    }
}

using GeneMask.Tokenization;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>What every command needs: the console to write to and the app it runs in.</summary>
/// <param name="Console">Where output goes (the terminal, or a recording console in tests).</param>
/// <param name="App">The running app.</param>
public sealed record SampleContext(IAnsiConsole Console, SampleApp App)
{
    /// <summary>Exit code of a run that failed because of its input or options.</summary>
    public const int UserErrorExitCode = 1;

    /// <summary>Exit code of a cancelled run (as after Ctrl+C).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>
    /// Runs a command body; errors caused by the input (bad files, bad options) are printed as one message without a
    /// stack trace and give exit code <see cref="UserErrorExitCode"/>. Other exceptions propagate: they are bugs.
    /// </summary>
    public int Run(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            Console.MarkupLine("[yellow]Cancelled.[/]");
            return CancelledExitCode;
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return UserErrorExitCode;
        }
    }

    /// <summary>Whether an exception reports a problem with the user's input rather than a bug.</summary>
    public static bool IsUserError(Exception exception) => exception is
        SequenceFormatException or FormatException or FileNotFoundException or DirectoryNotFoundException
        or OptionsValidationException or UnauthorizedAccessException or IOException or ArgumentException;

    /// <summary>Runs <paramref name="work"/> under a progress bar with an ETA; the work reports completion in [0, 1].</summary>
    public T WithProgress<T>(string description, Func<Action<double>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: 1.0);
                var result = work(fraction => task.Value = Math.Clamp(fraction, 0, 1));
                task.Value = 1.0;
                task.StopTask();
                return result;
            });
    }
}

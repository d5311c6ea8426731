using System.CommandLine;
using Spectre.Console;

namespace GeneMask.Samples.Tests;

/// <summary>Runs a sample app's command line in-process and records everything it prints.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output followed by standard error.</param>
/// <param name="Error">Standard error alone.</param>
public sealed record SampleRun(int ExitCode, string Output, string Error)
{
    public static SampleRun Start(params string[] args) => StartWithInput(null, args);

    /// <summary>Runs with <paramref name="standardInput"/> as what <c>-</c> reads.</summary>
    public static SampleRun StartWithInput(Func<Stream>? standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var exitCode = SampleCommands.RunAsync(args, SampleApp.Logo, console, configuration, standardInput).GetAwaiter().GetResult();
        return new SampleRun(exitCode, output.ToString() + error, error.ToString());
    }
}

using System.CommandLine;
using Spectre.Console;

namespace GeneMask.Samples.Tests;

/// <summary>Runs a sample app's command line in-process and records everything it prints.</summary>
internal sealed record SampleRun(int ExitCode, string Output)
{
    public static SampleRun Start(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var configuration = new InvocationConfiguration { Output = writer, Error = writer };
        var exitCode = SampleCommands.RunAsync(args, SampleApp.Logo, console, configuration).GetAwaiter().GetResult();
        return new SampleRun(exitCode, writer.ToString());
    }
}

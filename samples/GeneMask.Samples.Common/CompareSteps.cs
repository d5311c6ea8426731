using System.CommandLine;
using GeneMask.Reproduction.Comparison;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>compare --step prepare|pretrain|frozen|fewshot|report [--replicate R]</c>: one job of the comparison
/// (<see cref="ComparisonSteps"/>), for a workflow engine that runs the jobs on machines sharing the output folder.
/// </summary>
public static class CompareSteps
{
    /// <summary>The <c>--step</c> option.</summary>
    public static Option<ComparisonStep?> StepOption() =>
        new Option<ComparisonStep?>("--step") { Description = "Run one job of the comparison and stop, e.g. for a workflow engine (workflow/Snakefile): Prepare (corpus and baseline), Pretrain, Frozen (M1 and M2), FewShot (M3, every seed) of the --arms given, or Report (of the --arms given, from their finished pieces). Give every job the same settings." }.NamedValue();

    /// <summary>The <c>--replicate</c> option.</summary>
    public static Option<int> ReplicateOption() =>
        new Option<int>("--replicate") { Description = "The pretraining replicate of a Pretrain, Frozen or FewShot --step: 0 to R-1 of --replicates R (0: the run's own seed)." }.InRange(0, int.MaxValue);

    /// <summary>Runs one step, printing a line per piece; returns the exit code.</summary>
    public static int Run(SampleContext context, MaskingComparisonOptions options, ComparisonInputs inputs, ComparisonStep step, int replicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        return context.Run(() =>
        {
            var console = context.Console;
            var arms = string.Join(", ", options.Arms.Select(a => a.Name));
            console.MarkupLine(Markup.Escape($"Comparison ({options.Preset}), step {step} of {arms}, replicate {replicate}: {Path.GetFullPath(inputs.OutputDirectory)}"));
            var outcome = ComparisonSteps.Run(new MaskingComparison(options), inputs, step, replicate, new ThrottledLines(console), cancellationToken);
            if (outcome is not null)
            {
                console.MarkupLine($"evidence.json, report.md, CSV and plots: [green]{Markup.Escape(Path.Combine(outcome.OutputDirectory, "report"))}[/]");
            }

            return 0;
        });
    }

    /// <summary>
    /// Prints progress lines as they come, on the thread that reports them, but of a run of lines about the same thing
    /// (text before the colon, e.g. one line per pretraining step) one every ten seconds: a workflow's log stays short.
    /// </summary>
    private sealed class ThrottledLines(IAnsiConsole console) : IProgress<string>
    {
        private readonly System.Diagnostics.Stopwatch _sincePrinted = System.Diagnostics.Stopwatch.StartNew();
        private string? _subject;

        public void Report(string value)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var subject = colon < 0 ? value : value[..colon];
            if (subject != _subject || _sincePrinted.Elapsed >= TimeSpan.FromSeconds(10))
            {
                console.MarkupLine(Markup.Escape(value));
                _subject = subject;
                _sincePrinted.Restart();
            }
        }
    }
}

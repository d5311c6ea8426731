using System.CommandLine;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Reproduction.Sweep;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>sweep [--output DIR] [--configs NAME…] [--workers N] [--tiny]</c>: pretraining configurations of k-mer-span masks
/// with their <c>[MASK]</c>-position gap to the context-free loss against steps and one-core wall time
/// (<see cref="PretrainingSweep"/>).
/// </summary>
public static class SweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("sweep", "Pretrains each configuration of a sweep (model width and depth, row length, batch rows, learning rate and warm-up, steps) with k-mer-span masks on the shipped chr2 fragment, and records the loss on [MASK]-input positions of fixed validation masks and its gap to the context-free loss against steps and one-core wall time: sweep.tsv and sweep.json. Finished configurations are reused.");
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("genemask-sweep") };
        var configs = new Option<string[]>("--configs") { Description = $"Run only these configurations: {string.Join(", ", PretrainingSweepOptions.Default.Configurations.Select(c => c.Name))}.", AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int?>("--workers") { Description = "Configurations run at once, each with one torch thread (default: one per CPU core)." };
        var tiny = new Option<bool>("--tiny") { Description = "Two one-layer, hidden-32 configurations of 20 steps: seconds (smoke runs)." };
        foreach (var option in new Option[] { output, configs, workers, tiny })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Task.Run(() => context.Run(() =>
        {
            var options = parse.GetValue(tiny) ? PretrainingSweepOptions.Tiny : PretrainingSweepOptions.Default;
            if (parse.GetValue(configs) is { Length: > 0 } names)
            {
                var wanted = names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
                var unknown = wanted.Except(options.Configurations.Select(c => c.Name)).ToList();
                if (unknown.Count > 0)
                {
                    throw new ArgumentException($"--configs: unknown configuration '{unknown[0]}'; expected {string.Join(", ", options.Configurations.Select(c => c.Name))}.");
                }

                options = options with { Configurations = [.. options.Configurations.Where(c => wanted.Contains(c.Name))] };
            }

            if (parse.GetValue(workers) is { } w)
            {
                options = options with { Workers = w };
            }

            var console = context.Console;
            var sweep = new PretrainingSweep(options);
            var runs = sweep.Run([SampleData.HumanGenome], parse.GetValue(output)!.FullName, new SynchronousProgress<string>(line => console.MarkupLine(Markup.Escape(line))), cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).Title("Gap to the context-free loss on [[MASK]] positions")
                .AddColumn("configuration").AddColumn(new TableColumn("passes at step").RightAligned()).AddColumn(new TableColumn("final gap").RightAligned()).AddColumn(new TableColumn("ms a step (1 thread)").RightAligned());
            foreach (var run in runs)
            {
                table.AddRow(run.Configuration.Name, run.PassedAtStep?.ToString(CultureInfo.InvariantCulture) ?? "never", run.FinalGap.ToString("F3", CultureInfo.InvariantCulture), run.MillisecondsPerStep.ToString("F1", CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.MarkupLine($"sweep.tsv and sweep.json: [green]{Markup.Escape(parse.GetValue(output)!.FullName)}[/]");
            return 0;
        }), CancellationToken.None));
        return command;
    }
}

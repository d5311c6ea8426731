using System.CommandLine;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>figure --output masking.svg [--fasta FILE] [--start N] [--bases N] [--seed S]</c>: draws the tokens each masking
/// strategy selects on the same stretch of real DNA (<see cref="MaskingFigure"/>).
/// </summary>
public static class FigureCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("figure", "Draw (SVG) which tokens every masking strategy of the catalogue (random-token, k-mer span, GeneMask, Global PMI, …) selects on the same stretch of real DNA, with the same seed.");
        var output = new Option<FileInfo>("--output") { Description = "The SVG file to write.", Required = true };
        var fasta = StatsCommand.FastaOption();
        var start = new Option<int>("--start") { Description = "0-based offset of the stretch in the first record (a stretch without N).", DefaultValueFactory = _ => 1_000_000 };
        var bases = new Option<int>("--bases") { Description = "Length of the stretch (at most 510).", DefaultValueFactory = _ => 300 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every strategy's draws.", DefaultValueFactory = _ => 7 };
        foreach (var option in new Option[] { output, fasta, start, bases, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Task.FromResult(context.Run(() =>
        {
            using var inputs = context.OpenInputs([parse.GetValue(fasta)?.FullName ?? SampleData.HumanGenome], cancellationToken);
            using var reader = FastaReader.Open(inputs.Paths[0]);
            var record = reader.ReadRecords().First();
            var from = parse.GetValue(start);
            var length = parse.GetValue(bases);
            if (from < 0 || length < 1 || from + length > record.Bases.Length)
            {
                throw new ArgumentException($"--start {from} --bases {length} is outside record {record.Id} ({record.Bases.Length} bases).");
            }

            var stretch = System.Text.Encoding.ASCII.GetString(record.Bases, from, length).ToUpperInvariant();
            if (stretch.Any(c => c is not ('A' or 'C' or 'G' or 'T')))
            {
                throw new ArgumentException($"The stretch {record.Id}:{from + 1}-{from + length} holds bases other than A/C/G/T; choose another --start.");
            }

            var rows = MaskingFigure.Compute(stretch, PmiTable.LoadDefault(), parse.GetValue(seed));
            var svg = MaskingFigure.ToSvg(rows, $"Tokens selected for prediction on {record.Id}:{from + 1}-{from + length} (6-mers, seed {parse.GetValue(seed)})");
            var target = parse.GetValue(output)!.FullName;
            AtomicFile.WriteAllText(target, svg);
            foreach (var row in rows)
            {
                context.Console.MarkupLine(Markup.Escape($"{row.Label}: {row.Count} tokens"));
            }

            context.Console.MarkupLine($"Written to [green]{Markup.Escape(target)}[/]");
            return 0;
        })));
        return command;
    }
}

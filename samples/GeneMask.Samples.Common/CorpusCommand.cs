using System.CommandLine;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>corpus [--fasta FILE...] --output DIR [--seed N]</c>: builds a GeneMask pretraining corpus (k-mer text and binary
/// token files, 90/10 split) with <see cref="PretrainingCorpusBuilder"/>.
/// </summary>
public static class CorpusCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        var command = new Command("corpus", "Build a pretraining corpus from FASTA files: N removed, chunks of 510 bases (p = 0.5) or 5-510, de-duplicated, 90/10 train/validation, as 6-mer text and binary tokens.");
        var fasta = new Option<FileInfo[]>("--fasta")
        {
            Description = "FASTA files, plain or gzip/bgzip, one or more; - reads standard input (default: the shipped human genome fragment).",
            AllowMultipleArgumentsPerToken = true,
        };
        SampleInputs.AcceptExistingOrStandardInput(fasta);
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder (created if missing).", Required = true }.OutputFolder();
        var seed = new Option<long>("--seed") { Description = "Seed of the chunk lengths and the split (same seed, same files).", DefaultValueFactory = _ => 42 };
        var k = StatsCommand.KOption();
        var validation = new Option<double>("--validation-fraction") { Description = "Share of chunks for validation, above 0 (pretraining evaluates on them) and below 1.", DefaultValueFactory = _ => 0.1 };
        validation.Validators.Add(result =>
        {
            if (SampleOptions.TryGetValue(result, out double value) && !(value > 0 && value < 1))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--validation-fraction must be above 0 and below 1 (pretrain needs validation rows and training rows); got {value}."));
            }
        });
        command.Options.Add(fasta);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.Options.Add(k);
        command.Options.Add(validation);
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new PretrainingCorpusOptions
            {
                Seed = parse.GetValue(seed),
                K = parse.GetValue(k),
                ValidationFraction = parse.GetValue(validation),
            };
            var given = parse.GetValue(fasta);
            IReadOnlyList<string> files = given is { Length: > 0 } ? [.. given.Select(f => f.FullName)] : [SampleData.HumanGenome];
            return Task.FromResult(Run(context, files, parse.GetValue(output)!.FullName, options, cancellationToken));
        });
        return command;
    }

    /// <summary>Builds the corpus with a progress bar and prints the summary; returns the exit code.</summary>
    public static int Run(SampleContext context, IReadOnlyList<string> fastaFiles, string outputDirectory, PretrainingCorpusOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int Body()
        {
            var builder = new PretrainingCorpusBuilder(options);
            using var inputs = context.OpenInputs(fastaFiles, cancellationToken);
            var report = context.WithProgress(
                "building corpus",
                fraction => builder.Build(
                    inputs.Paths,
                    outputDirectory,
                    new SynchronousProgress<PretrainingCorpusProgress>(p => fraction(p.TotalBytes == 0 ? 1 : p.BytesRead / (double)p.TotalBytes)),
                    cancellationToken));
            Print(context.Console, report, outputDirectory);
            return 0;
        }

        return context.Run(Body, outputDirectory);
    }

    private static void Print(IAnsiConsole console, PretrainingCorpusReport r, string outputDirectory)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).Title("pretraining corpus").AddColumn("count").AddColumn(new TableColumn("value").RightAligned());
        AddTextRow(table, "files", N(r.Files.Count));
        AddTextRow(table, "records", N(r.Records));
        AddTextRow(table, "bases read", N(r.BasesRead));
        AddTextRow(table, "bases kept", N(r.BasesKept));
        AddTextRow(table, "N dropped", N(r.NBasesDropped));
        AddTextRow(table, "other non-ACGT dropped", N(r.OtherBasesDropped));
        AddTextRow(table, "short pieces dropped (bases)", N(r.ShortBasesDropped));
        AddTextRow(table, "chunks", N(r.Chunks));
        AddTextRow(table, "full-length chunks", N(r.FullLengthChunks));
        AddTextRow(table, "duplicates dropped", N(r.DuplicatesDropped));
        AddTextRow(table, "train rows", N(r.TrainRows));
        AddTextRow(table, "validation rows", N(r.ValidationRows));
        AddTextRow(table, $"train {r.K}-mer tokens", N(r.TrainTokens));
        AddTextRow(table, $"validation {r.K}-mer tokens", N(r.ValidationTokens));
        console.Write(table);
        console.MarkupLine($"Written to [green]{Markup.Escape(outputDirectory)}[/]: {PretrainingCorpusBuilder.TrainTextFile}, {PretrainingCorpusBuilder.ValidationTextFile}, {PretrainingCorpusBuilder.TrainTokensFile}, {PretrainingCorpusBuilder.ValidationTokensFile}, {PretrainingCorpusBuilder.ReportFile}, {CorpusManifest.FileName} (seed {r.Seed.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static void AddTextRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));
}

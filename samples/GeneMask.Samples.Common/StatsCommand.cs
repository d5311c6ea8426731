using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary><c>stats [--fasta FILE] [--k K] [--top N]</c>: tokenizes a FASTA file into k-mers and prints its statistics.</summary>
public static class StatsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        var command = new Command("stats", "Tokenize a FASTA file into overlapping k-mers (DNABERT vocabulary) and print its statistics.");
        var fasta = FastaOption();
        var k = KOption();
        var top = new Option<int>("--top") { Description = "How many of the most frequent k-mers to list.", DefaultValueFactory = _ => 10 };
        command.Options.Add(fasta);
        command.Options.Add(k);
        command.Options.Add(top);
        command.SetAction((parse, cancellationToken) => Task.FromResult(
            Run(context, parse.GetValue(fasta)?.FullName, parse.GetValue(k), parse.GetValue(top), cancellationToken)));
        return command;
    }

    /// <summary>The optional <c>--fasta</c> option (default: the shipped genome fragment).</summary>
    public static Option<FileInfo> FastaOption() =>
        SampleInputs.AcceptExistingOrStandardInput(new Option<FileInfo>("--fasta") { Description = "FASTA file, plain or gzip/bgzip, or - for standard input (default: the shipped human genome fragment)." });

    /// <summary>The <c>--k</c> option (default 6).</summary>
    public static Option<int> KOption()
    {
        var option = new Option<int>("--k") { Description = "k-mer length (1-8).", DefaultValueFactory = _ => KmerTokenizer.DefaultK };
        option.Validators.Add(result =>
        {
            if (SampleOptions.TryGetValue(result, out int value) && value is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
            {
                result.AddError($"--k must be between {KmerTokenizer.MinK} and {KmerTokenizer.MaxK}; got {value}.");
            }
        });
        return option;
    }

    /// <summary>Computes and prints the statistics; returns the exit code.</summary>
    public static int Run(SampleContext context, string? fastaPath, int k, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Run(() =>
        {
            using var inputs = context.OpenInputs([fastaPath ?? SampleData.HumanGenome], cancellationToken);
            var path = inputs.Paths[0];
            var console = context.Console;
            var shipped = fastaPath is null;
            var source = shipped ? $"the shipped human genome fragment GRCh38 chr2:1-2,333,275 ({SampleData.HumanGenomeFileName})" : inputs.Rename(path);
            console.MarkupLine($"[bold]{Markup.Escape(context.App.Name)}[/]: {k}-mer statistics of [green]{Markup.Escape(source)}[/]");
            var stopwatch = Stopwatch.StartNew();
            var statistics = context.WithProgress(
                "tokenizing",
                fraction => SequenceStatistics.Compute(path, k, new SynchronousProgress<double>(fraction), cancellationToken));
            stopwatch.Stop();
            Print(console, statistics, top, stopwatch.Elapsed);
            return 0;
        });
    }

    private static void Print(IAnsiConsole console, SequenceStatistics s, int top, TimeSpan elapsed)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        static string Share(long part, long whole) => whole == 0 ? "-" : (part / (double)whole).ToString("P2", CultureInfo.InvariantCulture);

        var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        AddTextRow(table, "records", N(s.Records), string.Empty);
        AddTextRow(table, "bases", N(s.Bases), string.Empty);
        AddTextRow(table, "soft-masked (lower case)", N(s.SoftMaskedBases), Share(s.SoftMaskedBases, s.Bases));
        AddTextRow(table, "N", N(s.NBases), Share(s.NBases, s.Bases));
        AddTextRow(table, "other (not ACGTN)", N(s.OtherBases), Share(s.OtherBases, s.Bases));
        AddTextRow(table, "GC of A/C/G/T", N(s.GcBases), Share(s.GcBases, s.Bases - s.NBases - s.OtherBases));
        AddTextRow(table, $"{s.K}-mers", N(s.Kmers), string.Empty);
        AddTextRow(table, $"unknown {s.K}-mers ([UNK])", N(s.UnknownKmers), Share(s.UnknownKmers, s.Kmers));
        AddTextRow(table, $"distinct {s.K}-mers", N(s.DistinctKmers), Share(s.DistinctKmers, Nucleotides.KmerCount(s.K)));
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        AddTextRow(table, "time", $"{elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s", string.Empty);
        AddTextRow(table, "throughput", $"{(s.Bases / seconds / 1e6).ToString("F1", CultureInfo.InvariantCulture)} M bases/s", string.Empty);
        console.Write(table);

        var frequent = s.MostFrequent(top);
        if (frequent.Count == 0)
        {
            return;
        }

        var kmers = new Table().Border(TableBorder.Rounded).Title($"most frequent {s.K}-mers")
            .AddColumn("k-mer").AddColumn(new TableColumn("token id").RightAligned()).AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var kmer in frequent)
        {
            AddTextRow(kmers, kmer.Kmer, kmer.Id.ToString(CultureInfo.InvariantCulture), N(kmer.Count), Share(kmer.Count, s.KnownKmers));
        }

        console.Write(kmers);
    }

    private static void AddTextRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Pmi;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>pmi</c>: n-gram counts and the NPMI ranking of k-mers. <c>pmi --fasta FILE… --output table.csv</c> counts and
/// ranks; <c>pmi --counts FILE --output table.csv</c> ranks saved counts; <c>pmi count</c> saves counts (one shard);
/// <c>pmi merge</c> sums shard counts.
/// </summary>
public static class PmiCommand
{
    private const string Paper = "paper";
    private const string Published = "genemask-published";

    /// <summary>Creates the command with its <c>count</c> and <c>merge</c> subcommands.</summary>
    public static Command Create(SampleContext context)
    {
        var command = new Command("pmi", "Count n-grams of FASTA files (or read saved counts) and rank all k-mers by normalised PMI; writes ngram,count,naive_pmi,pmi,npmi,rank.");
        var fasta = FastaOption();
        var corpus = new Option<FileInfo[]>("--corpus") { Description = "Token corpus file(s) of GeneMask.Tokenization to count instead of FASTA.", AllowMultipleArgumentsPerToken = true }.AcceptExistingOnly();
        var counts = new Option<FileInfo>("--counts") { Description = "Saved n-gram counts (.bin, or .csv with ngram,count) to rank instead of counting." }.AcceptExistingOnly();
        var k = new Option<int>("--k") { Description = "Length of the ranked k-mers (2-12).", DefaultValueFactory = _ => 6 };
        var minCount = new Option<int>("--min-count") { Description = "Minimum count c: rarer k-mers get no NPMI and rank last.", DefaultValueFactory = _ => PmiOptions.DefaultMinCount }.InRange(1, int.MaxValue);
        var definition = new Option<string>("--definition") { Description = "paper (minimum over all segmentations) or genemask-published (the recipe of the published GeneMask table).", DefaultValueFactory = _ => Paper };
        definition.AcceptOnlyFromAmong(Paper, Published);
        var bothStrands = BothStrandsOption();
        var threads = ThreadsOption();
        var saveCounts = new Option<FileInfo>("--save-counts") { Description = "Also save the counts (.bin or .csv), e.g. to merge with other shards later." };
        var output = new Option<FileInfo>("--output") { Description = "The ranking CSV to write.", Required = true };
        foreach (var option in new Option[] { fasta, corpus, counts, k, minCount, definition, bothStrands, threads, saveCounts, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Task.FromResult(context.Run(() =>
        {
            var options = new PmiOptions
            {
                K = parse.GetValue(k),
                MinCount = parse.GetValue(minCount),
                Definition = parse.GetValue(definition) == Published ? PmiDefinition.GeneMaskPublished : PmiDefinition.Paper,
            };
            var inputs = new Inputs(Paths(parse.GetValue(fasta)), Paths(parse.GetValue(corpus)), parse.GetValue(counts)?.FullName);
            return Rank(context, inputs, options, parse.GetValue(bothStrands), parse.GetValue(threads), parse.GetValue(saveCounts)?.FullName, parse.GetValue(output)!.FullName, cancellationToken);
        })));

        command.Subcommands.Add(CreateCount(context));
        command.Subcommands.Add(CreateMerge(context));
        return command;
    }

    /// <summary>Counts (or loads counts), ranks, writes the table and prints a summary; returns the exit code.</summary>
    public static int Rank(SampleContext context, Inputs inputs, PmiOptions options, bool bothStrands, int threads, string? saveCountsPath, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var console = context.Console;
        var stopwatch = Stopwatch.StartNew();
        NgramCounts counts;
        if (inputs.CountsPath is { } countsPath)
        {
            if (inputs.Fasta.Count > 0 || inputs.Corpus.Count > 0)
            {
                throw new ArgumentException("Give either --counts or --fasta/--corpus, not both.");
            }

            console.MarkupLine($"Ranking {options.K}-mers from the counts in [green]{Markup.Escape(countsPath)}[/]");
            counts = NgramCounts.Load(countsPath);
        }
        else
        {
            counts = Count(context, inputs, options.K, bothStrands, threads, cancellationToken);
        }

        var countSeconds = stopwatch.Elapsed.TotalSeconds;
        if (saveCountsPath is not null)
        {
            counts.Save(saveCountsPath);
            console.MarkupLine($"Counts saved to [green]{Markup.Escape(saveCountsPath)}[/]");
        }

        var table = PmiTable.Compute(counts, options);
        table.Save(outputPath);
        stopwatch.Stop();
        PrintSummary(console, counts, table, options, countSeconds, stopwatch.Elapsed, inputs.CountsPath is null);
        console.MarkupLine($"Ranking written to [green]{Markup.Escape(outputPath)}[/]");
        return 0;
    }

    private static Command CreateCount(SampleContext context)
    {
        var command = new Command("count", "Count every n-gram (n = 1..K) of FASTA or corpus files and save the counts (.bin compact, .csv ngram,count): one shard of a larger count.");
        var fasta = FastaOption();
        var corpus = new Option<FileInfo[]>("--corpus") { Description = "Token corpus file(s) to count.", AllowMultipleArgumentsPerToken = true }.AcceptExistingOnly();
        var k = new Option<int>("--k") { Description = "Longest n-gram counted (1-12).", DefaultValueFactory = _ => 6 };
        var bothStrands = BothStrandsOption();
        var threads = ThreadsOption();
        var output = new Option<FileInfo>("--output") { Description = "The counts file to write (.bin or .csv).", Required = true };
        foreach (var option in new Option[] { fasta, corpus, k, bothStrands, threads, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Task.FromResult(context.Run(() =>
        {
            var inputs = new Inputs(Paths(parse.GetValue(fasta)), Paths(parse.GetValue(corpus)), null);
            var stopwatch = Stopwatch.StartNew();
            var counts = Count(context, inputs, parse.GetValue(k), parse.GetValue(bothStrands), parse.GetValue(threads), cancellationToken);
            var path = parse.GetValue(output)!.FullName;
            counts.Save(path);
            PrintCounts(context.Console, counts, stopwatch.Elapsed);
            context.Console.MarkupLine($"Counts written to [green]{Markup.Escape(path)}[/]");
            return 0;
        })));
        return command;
    }

    private static Command CreateMerge(SampleContext context)
    {
        var command = new Command("merge", "Sum shard count files (.bin or .csv, all with the same K) into the counts of the whole.");
        var shards = new Argument<FileInfo[]>("shards") { Description = "The count files to sum.", Arity = ArgumentArity.OneOrMore }.AcceptExistingOnly();
        var output = new Option<FileInfo>("--output") { Description = "The merged counts file (.bin or .csv).", Required = true };
        command.Arguments.Add(shards);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => Task.FromResult(context.Run(() =>
        {
            var stopwatch = Stopwatch.StartNew();
            var files = parse.GetValue(shards)!;
            var merged = NgramCounts.Merge(files.Select(f =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return NgramCounts.Load(f.FullName);
            }));
            var path = parse.GetValue(output)!.FullName;
            merged.Save(path);
            context.Console.MarkupLine($"Merged {files.Length} shard(s).");
            PrintCounts(context.Console, merged, stopwatch.Elapsed);
            context.Console.MarkupLine($"Counts written to [green]{Markup.Escape(path)}[/]");
            return 0;
        })));
        return command;
    }

    private static NgramCounts Count(SampleContext context, Inputs inputs, int k, bool bothStrands, int threads, CancellationToken cancellationToken)
    {
        if (inputs.Fasta.Count == 0 && inputs.Corpus.Count == 0)
        {
            // Without input: the shipped human fragment, which reproduces the library's embedded default table.
            context.Console.MarkupLine($"No --fasta, --corpus or --counts given: using the shipped fragment [green]{Markup.Escape(SampleData.HumanGenomeFileName)}[/]");
            inputs = inputs with { Fasta = [SampleData.HumanGenome] };
        }

        using var resolved = context.OpenInputs(inputs.Fasta, cancellationToken);
        inputs = inputs with { Fasta = resolved.Paths };
        var counter = GenomeCounter.Create(new NgramCountingOptions { K = k, BothStrands = bothStrands, MaxDegreeOfParallelism = threads });
        var shards = new List<NgramCounts>();
        if (inputs.Fasta.Count > 0)
        {
            context.Console.MarkupLine($"Counting n-grams up to {k} in {inputs.Fasta.Count} FASTA file(s) on {threads} thread(s){(bothStrands ? ", both strands" : string.Empty)}");
            shards.Add(context.WithProgress(
                "counting",
                report => counter.CountFasta(inputs.Fasta, new SynchronousProgress<NgramCountingProgress>(p => report(p.Fraction)), cancellationToken)));
        }

        foreach (var corpus in inputs.Corpus)
        {
            context.Console.MarkupLine($"Counting n-grams up to {k} in the token corpus [green]{Markup.Escape(corpus)}[/]");
            shards.Add(counter.CountCorpus(corpus, cancellationToken));
        }

        return shards.Count == 1 ? shards[0] : NgramCounts.Merge(shards);
    }

    private static void PrintCounts(IAnsiConsole console, NgramCounts counts, TimeSpan elapsed)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        AddRow(table, "longest n-gram (K)", counts.K.ToString(CultureInfo.InvariantCulture));
        AddRow(table, "bases counted", N(counts.Bases));
        AddRow(table, $"windows of length {counts.K}", N(counts.Windows(counts.K)));
        AddRow(table, "elapsed", Seconds(elapsed.TotalSeconds));
        console.Write(table);
    }

    private static void PrintSummary(IAnsiConsole console, NgramCounts counts, PmiTable pmi, PmiOptions options, double countSeconds, TimeSpan elapsed, bool counted)
    {
        var kept = 0;
        foreach (var value in pmi.Npmi)
        {
            kept += double.IsNaN(value) ? 0 : 1;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        AddRow(table, "bases counted", N(counts.Bases));
        AddRow(table, $"windows of length {options.K}", N(counts.Windows(options.K)));
        AddRow(table, "definition", options.Definition == PmiDefinition.Paper ? Paper : Published);
        AddRow(table, $"{options.K}-mers kept (count ≥ {options.MinCount})", $"{N(kept)} of {N(pmi.KmerCount)}");
        AddRow(table, "elapsed", Seconds(elapsed.TotalSeconds));
        if (counted)
        {
            AddRow(table, "throughput (read, decompress, count)", $"{(counts.Bases / Math.Max(countSeconds, 1e-9) / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB/s");
        }

        console.Write(table);
        var top = new Table().Border(TableBorder.Rounded).Title($"top {options.K}-mers by NPMI")
            .AddColumn(new TableColumn("rank").RightAligned()).AddColumn("k-mer").AddColumn(new TableColumn("count").RightAligned())
            .AddColumn(new TableColumn("PMI").RightAligned()).AddColumn(new TableColumn("NPMI").RightAligned());
        foreach (var entry in pmi.Top(10))
        {
            AddRow(top, entry.Rank.ToString(CultureInfo.InvariantCulture), entry.Kmer, entry.Count is { } c ? N(c) : "-",
                entry.Pmi?.ToString("F4", CultureInfo.InvariantCulture) ?? "-", entry.Npmi?.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
        }

        console.Write(top);
    }

    private static Option<FileInfo[]> FastaOption() =>
SampleInputs.AcceptExistingOrStandardInput(new Option<FileInfo[]>("--fasta") { Description = "FASTA file(s), plain or gzip/bgzip, - for standard input; repeat the option for more files.", AllowMultipleArgumentsPerToken = true });

    private static Option<bool> BothStrandsOption() =>
        new("--both-strands") { Description = "Count the reverse strand too (each n-gram plus its reverse complement)." };

    private static Option<int> ThreadsOption() =>
        new Option<int>("--threads") { Description = "Worker threads (the counts do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount }.InRange(1, 1_024);

    private static List<string> Paths(FileInfo[]? files) => files?.Select(f => f.FullName).ToList() ?? [];

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => $"{seconds.ToString("F2", CultureInfo.InvariantCulture)} s";

    private static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));

    /// <summary>What to rank: FASTA files and token corpora to count, or one saved counts file.</summary>
    /// <param name="Fasta">FASTA files.</param>
    /// <param name="Corpus">Token corpus files.</param>
    /// <param name="CountsPath">A saved counts file.</param>
    public sealed record Inputs(IReadOnlyList<string> Fasta, IReadOnlyList<string> Corpus, string? CountsPath);
}

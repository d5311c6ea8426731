using System.CommandLine;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>mask [--fasta FILE|-] [--pmi TABLE.csv] --strategy NAME [--compat SWITCH…] [--rows N] [--seed S] [--dump masks.jsonl]</c>:
/// masks full-length rows of real sequence with one strategy of the catalogue (random-token, kmer-span, genemask,
/// global, …) and the 80/10/10 rule and shows what it did.
/// </summary>
public static class MaskCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        var command = new Command("mask", "Mask full-length rows ([CLS] 510 6-mers [SEP]) of real sequence with a strategy and the 80/10/10 rule; print what was predicted, optionally dump every row as JSON lines.");
        var fasta = SampleInputs.AcceptExistingOrStandardInput(new Option<FileInfo>("--fasta") { Description = "FASTA file, plain or gzip/bgzip, or - for standard input (default: the shipped human genome fragment)." });
        var pmi = new Option<FileInfo>("--pmi") { Description = "PMI table CSV (default: the embedded 6-mer table)." }.AcceptExistingOnly();
        var strategy = new Option<string>("--strategy") { Description = "The masking strategy: " + string.Join(", ", MaskingCatalog.Strategies.Select(s => s.Name)) + ".", DefaultValueFactory = _ => GeneMaskMasking.StrategyName }
            .AcceptNames(name => MaskingCatalog.GetStrategy(name));
        var compat = new Option<string[]>("--compat") { Description = "Upstream behaviour to reproduce (off by default): " + string.Join(", ", UpstreamCompatibility.SwitchNames) + ".", AllowMultipleArgumentsPerToken = true }
            .AcceptNames(name => UpstreamCompatibility.FromSwitches([name]));
        var rows = new Option<int>("--rows") { Description = "Rows to mask.", DefaultValueFactory = _ => 10_000 }.InRange(1, 10_000_000);
        var seed = new Option<ulong>("--seed") { Description = "Seed (same seed, same masks).", DefaultValueFactory = _ => 1 };
        var dump = new Option<FileInfo>("--dump") { Description = "Write one JSON object per row: original_ids, input_ids, labels." };
        command.Options.Add(fasta);
        command.Options.Add(pmi);
        command.Options.Add(strategy);
        command.Options.Add(compat);
        command.Options.Add(rows);
        command.Options.Add(seed);
        command.Options.Add(dump);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            context,
            parse.GetValue(fasta)?.FullName ?? SampleData.HumanGenome,
            parse.GetValue(pmi)?.FullName,
            parse.GetValue(strategy)!,
            parse.GetValue(compat) ?? [],
            parse.GetValue(rows),
            parse.GetValue(seed),
            parse.GetValue(dump)?.FullName,
            cancellationToken)));
        return command;
    }

    /// <summary>Masks and reports; returns the exit code.</summary>
    public static int Run(SampleContext context, string fastaPath, string? pmiPath, string strategyName, IReadOnlyCollection<string> compat, int rowCount, ulong seed, string? dumpPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(compat);
        return context.Run(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1, "--rows");
            var table = pmiPath is null ? PmiTable.LoadDefault() : PmiTable.Load(pmiPath);
            if (table.K != KmerTokenizer.DefaultK)
            {
                throw new InvalidDataException($"--pmi {pmiPath} ranks {table.K}-mers; mask builds rows of {KmerTokenizer.DefaultK}-mers (as the models read them): give a {KmerTokenizer.DefaultK}-mer PMI table.");
            }

            using var inputs = context.OpenInputs([fastaPath], cancellationToken);
            var compatibility = UpstreamCompatibility.FromSwitches(compat);
            var strategy = MaskingCatalog.GetStrategy(strategyName).Create(table, compatibility);
            var collatorOptions = new MlmCollatorOptions { K = table.K, Seed = seed };
            compatibility.ApplyTo(collatorOptions);
            var collator = new MlmCollator(collatorOptions);

            var tokenizer = KmerTokenizer.Create(table.K);
            var rows = FullLengthRows.FromFasta(inputs.Paths[0], tokenizer, maxRows: rowCount).ToList();
            if (rows.Count == 0)
            {
                throw new FormatException($"{fastaPath}: no stretch of A/C/G/T is long enough for a row of {tokenizer.MaxKmers} {table.K}-mers.");
            }

            var summary = new MaskingSummary();
            var phase = MaskingPhase.Of(strategy);
            const int batchSize = 10;
            MaskingThroughputResult throughput = null!;
            if (dumpPath is null)
            {
                throughput = MaskingThroughput.Measure(collator, phase, rows, batchSize, summary, cancellationToken: cancellationToken);
            }
            else
            {
                AtomicFile.Write(dumpPath, dump => throughput = MaskingThroughput.Measure(collator, phase, rows, batchSize, summary, dump, cancellationToken));
            }

            Print(context.Console, summary, strategy, compat, rows.Count < rowCount ? rows.Count : null, throughput, dumpPath);
            return 0;
        });
    }

    private static void Print(IAnsiConsole console, MaskingSummary s, IMaskingStrategy strategy, IReadOnlyCollection<string> compat, int? shortOfRows, MaskingThroughputResult throughput, string? dumpPath)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        static string P(double share) => (100 * share).ToString("F2", CultureInfo.InvariantCulture) + " %";
        var predicted = Math.Max(1, s.PredictedTokens);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{strategy.Name} (p = {strategy.DefaultProbability.ToString("G4", CultureInfo.InvariantCulture)}){(compat.Count > 0 ? ", compat: " + string.Join(", ", compat) : "")}")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));
        Row("rows", N(s.Rows));
        Row("tokens", N(s.Tokens));
        Row("maskable tokens", N(s.MaskableTokens));
        Row("predicted tokens", N(s.PredictedTokens));
        Row("predicted fraction", P(s.PredictedFraction));
        Row("mean spans per row", s.SpansPerRow.ToString("F2", CultureInfo.InvariantCulture));
        Row("[MASK] share", P((double)s.MaskTokenReplacements / predicted));
        Row("random share", P((double)s.RandomReplacements / predicted));
        Row("kept share", P((double)s.KeptTokens / predicted));
        Row("tokens/s (steady state)", throughput.TokensPerSecond is { } rate ? (rate / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M" : "-");
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Throughput: {N(throughput.Tokens)} tokens of batches {throughput.WarmUpBatches + 1}-{throughput.Batches} ({throughput.BatchSize} rows each) through strategy, 80/10/10 and padding (one call of MlmCollator.Collate per batch); not counted: the {throughput.WarmUpBatches} warm-up batches, FASTA reading and tokenizing, the summary and the --dump output. The benchmarks (benchmarks/) measure the collator alone.")));
        if (shortOfRows is { } available)
        {
            console.MarkupLine($"[yellow]The FASTA holds only {N(available)} full-length rows; all were used.[/]");
        }

        if (dumpPath is not null)
        {
            console.MarkupLine($"Rows written to [green]{Markup.Escape(dumpPath)}[/] (one JSON object per row).");
        }
    }
}

using System.CommandLine;
using System.Globalization;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>reproduce --table 2|4|6 --preset quick|paper [--device cpu|cuda] [--baseline-model DIR] [--output DIR]</c>: PMI table → corpus →
/// pretraining per strategy → few-shot or GUE fine-tuning → the paper-shaped table and plots
/// (<see cref="ReproductionPipeline"/>). Without arguments the app runs <c>reproduce --table 4 --preset quick</c>.
/// </summary>
public static class ReproduceCommand
{
    /// <summary>Default output folder (relative to the working directory).</summary>
    public const string DefaultOutput = "genemask-reproduction";

    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("reproduce", "Reproduce a table of the paper: PMI table, corpus, one pretraining per masking strategy, few-shot (Table 4) or GUE (Tables 2, 6) fine-tuning, then the table and its plots. A rerun with the same --output resumes.");
        var table = new Option<int>("--table") { Description = "2 (GUE, 10K steps), 4 (few-shot accuracy) or 6 (GUE, 1K steps).", DefaultValueFactory = _ => 4 };
        table.AcceptOnlyFromAmong([.. ReproducedTable.All.Select(t => t.Number.ToString(CultureInfo.InvariantCulture))]);
        var preset = new Option<string>("--preset") { Description = "quick (scaled down, CPU, ~15 min for LOGO) or paper (the paper's settings, needs a CUDA GPU).", DefaultValueFactory = _ => "quick" };
        preset.AcceptOnlyFromAmong([.. ReproductionPreset.All.Select(p => p.Name)]);
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N (default: cpu for quick, cuda for paper)." }.DeviceName();
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder (a rerun resumes the same run from it).", DefaultValueFactory = _ => new DirectoryInfo(DefaultOutput) }.OutputFolder();
        var fasta = SampleInputs.AcceptExistingOrStandardInput(new Option<FileInfo[]>("--fasta") { Description = "Genome FASTA file(s) for PMI and corpus, e.g. the whole GRCh38; - reads standard input (default: the shipped chr2 fragment).", AllowMultipleArgumentsPerToken = true });
        var data = new Option<DirectoryInfo>("--data") { Description = "Benchmark folder with fewshot/… and gue/… (default: the shipped data; point it at the full GUE download for the paper preset)." }.AcceptExistingOnly();
        var steps = new Option<long?>("--steps") { Description = "Override the pretraining steps of the preset." }.InRange(1, SampleOptions.MaxSteps);
        var seeds = new Option<int?>("--seeds") { Description = "Override the few-shot seeds of the preset." }.InRange(1, 1_000);
        var strategies = new Option<string[]>("--strategies") { Description = "Override the strategies (each a masking strategy for the whole run or a curriculum): " + string.Join(", ", MaskingCatalog.All.Select(e => e.Name)) + ".", AllowMultipleArgumentsPerToken = true }
            .AcceptNames(name => MaskingCatalog.Get(name));
        var testExamples = new Option<int?>("--test-examples") { Description = "Override how many test examples per few-shot task are scored." }.InRange(1, int.MaxValue);
        var noResume = new Option<bool>("--no-resume") { Description = "Start every stage over, even if --output holds a run (its pretrainings and fine-tuning results are replaced)." };
        var tiny = new Option<bool>("--tiny") { Description = "A one-layer, hidden-32 model on 40-base rows: checks the whole chain in seconds (tests, smoke runs)." };
        var precision = new Option<ModelPrecision>("--precision") { Description = "Fp32 (default), Bf16Mixed (fp32 master weights, bf16 compute), Fp16Mixed (GPU, loss scaling) or Bf16 (pure bf16: drifts, for comparisons)." }.NamedValue();
        var flavour = new Option<string>("--flavour") { Description = "paper (the method as written; default) or upstream (every upstream behaviour that changes the numbers, to compare like for like with the published ones).", DefaultValueFactory = _ => "paper" };
        flavour.AcceptOnlyFromAmong("paper", "upstream");
        var baseline = new Option<DirectoryInfo>("--baseline-model") { Description = "Table 4 only: a Hugging Face-layout DNABERT checkpoint folder (config.json and pytorch_model.bin or model.safetensors, as the DNABERT authors publish it) fine-tuned through the same few-shot protocol as the \"DNABert 120K\" row; without it the row shows the published value, labelled published." }.AcceptExistingOnly();
        var plan = new Option<bool>("--plan") { Description = "Print the resolved plan as JSON (stages, strategies, model, every hyper-parameter, tasks, estimated cost) and exit without running anything." };
        foreach (var option in new Option[] { table, preset, device, precision, output, fasta, data, steps, seeds, strategies, testExamples, tiny, noResume, flavour, baseline, plan })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var t = ReproducedTable.FromNumber(parse.GetValue(table));
            var p = ReproductionPreset.FromName(parse.GetValue(preset)!);
            var dev = parse.GetValue(device) ?? p.DefaultDevice;
            var f = parse.GetValue(flavour) == "upstream" ? ReproductionFlavour.Upstream : ReproductionFlavour.Paper;
            var options = p.Options(t, dev, context.App.Model, f);
            options = Override(options, parse.GetValue(steps), parse.GetValue(seeds), parse.GetValue(strategies), parse.GetValue(testExamples), parse.GetValue(tiny));
            if (parse.GetValue(precision) is var chosen && chosen != ModelPrecision.Fp32)
            {
                options = options with { Precision = chosen };
            }

            if (parse.GetValue(baseline) is { } baselineFolder)
            {
                options = options with { BaselineModel = baselineFolder.FullName };
            }

            if (parse.GetValue(plan))
            {
                return Task.FromResult(context.Run(() =>
                {
                    context.Console.Profile.Out.Writer.WriteLine(new ReproductionPipeline(options).PlanJson());
                    return 0;
                }));
            }

            var files = parse.GetValue(fasta) is { Length: > 0 } given ? given.Select(f => f.FullName).ToList() : [SampleData.HumanGenome];
            var inputs = new ReproductionInputs(files, parse.GetValue(data)?.FullName ?? SampleData.Folder, parse.GetValue(output)!.FullName) { Resume = !parse.GetValue(noResume) };
            // On a worker thread, so that Ctrl+C handling can wait for the run to stop at a step boundary.
            return Task.Run(() => Run(context, options, inputs, cancellationToken), CancellationToken.None);
        });
        return command;
    }

    /// <summary>Applies command-line overrides to a preset (the result is validated when the pipeline is built).</summary>
    public static ReproductionOptions Override(ReproductionOptions options, long? steps, int? seeds, string[]? strategies, int? testExamples, bool tiny)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (steps is { } s)
        {
            options = ReproductionPreset.WithSteps(options, s);
        }

        if (seeds is { } n)
        {
            options = options with { Seeds = n };
        }

        if (strategies is { Length: > 0 })
        {
            options = options with { Strategies = [.. strategies.Select(s => MaskingCatalog.Get(s).Name)] };
        }

        if (testExamples is { } m)
        {
            options = options with { MaxTestExamples = m };
        }

        return tiny ? ReproductionPreset.Tiny(options) : options;
    }

    /// <summary>Runs the pipeline under progress bars and prints the table and the summary; returns the exit code.</summary>
    public static int Run(SampleContext context, ReproductionOptions options, ReproductionInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        return context.Run(
            () =>
        {
            var console = context.Console;
            var pipeline = new ReproductionPipeline(options);
            SampleOptions.CheckDevice(options.Device);
            using var resolved = context.OpenInputs(inputs.FastaFiles, cancellationToken);
            inputs = inputs with { FastaFiles = resolved.Paths };
            PrintPlan(console, context.App, pipeline.Options, inputs);
            var summary = context.WithStageProgress<ReproductionProgress, ReproductionSummary>(
                pipeline.StageNames,
                p => (p.StageIndex, p.Stage, p.Detail, p.Fraction),
                progress => pipeline.Run(inputs, progress, cancellationToken));
            PrintSummary(console, summary);
            if (options.Preset.IsScaledDown)
            {
                console.MarkupLine("[yellow]Reminder: scaled-down run[/] (short pretraining, few seeds, test subsets); the paper's settings: "
                    + Markup.Escape(FullScaleCommand(context.App, options.Table)));
            }

            return 0;
        },
            inputs.OutputDirectory);
    }

    /// <summary>The command line of the paper-scale run of <paramref name="table"/>.</summary>
    public static string FullScaleCommand(SampleApp app, ReproducedTable table)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(table);
        return string.Create(CultureInfo.InvariantCulture, $"dotnet run -c Release -p:GeneMaskTorchBackend=cuda --project samples/{app.Name} -- reproduce --table {table.Number} --preset paper --device cuda --fasta GRCh38.fa.gz --data <benchmark folder>");
    }

    private static void PrintPlan(IAnsiConsole console, SampleApp app, ReproductionOptions o, ReproductionInputs inputs)
    {
        var inv = CultureInfo.InvariantCulture;
        var config = o.Model;
        console.Write(new Rule($"[bold]{Markup.Escape(app.Name)}[/]: reproducing {o.Table}, preset [bold]{Markup.Escape(o.Preset.Name)}[/], flavour [bold]{o.Flavour.ToString().ToLowerInvariant()}[/]").LeftJustified());
        if (o.Preset.IsScaledDown)
        {
            console.MarkupLine("[yellow]This is a scaled-down run[/] so that it finishes on a CPU: short pretraining, short rows, few seeds, a subset of the test sets. "
                + "Its numbers show the pipeline working, not the paper's results.");
            console.MarkupLine(Markup.Escape("Full scale (CUDA GPU, GRCh38 and the full benchmarks): " + FullScaleCommand(app, o.Table)));
        }

        console.MarkupLine(Markup.Escape(string.Create(inv,
            $"Model {o.ModelLabel}: {config.LayerCount} layers, hidden {config.HiddenSize}, intermediate {config.IntermediateSize}. Pretraining per strategy ({string.Join(", ", o.Strategies)}): {o.PretrainingSteps} steps × {o.BatchSize * o.GradientAccumulationSteps} rows of ≤ {o.ChunkBases} bases, evaluation every {o.EvaluationInterval} steps, a checkpoint every {o.CheckpointInterval} steps, device {o.Device}, {o.Precision}.")));
        console.MarkupLine(Markup.Escape(o.Table.IsFewShot
            ? string.Create(inv, $"Few-shot: {string.Join(", ", o.FewShotTasks)} × n = {string.Join(", ", o.Shots)} × {o.Seeds} seeds, {(o.SampleFewShotSets ? "n per class drawn per seed" : "the published files named n")}{(o.MaxTestExamples is { } m ? $", ≤ {m} test examples per task" : string.Empty)}; {(o.BaselineModel is { } b ? $"DNABert 120K measured from {b}" : "DNABert 120K: the published value")}.")
            : string.Create(inv, $"GUE: {string.Join(", ", o.GueTasks)}{(o.GueMaxTrainRows is { } r ? $", ≤ {r} training rows" : string.Empty)}{(o.GueEpochs is { } e ? $", {e} epoch(s)" : string.Empty)}.")));
        console.MarkupLine(Markup.Escape($"Genome: {string.Join(", ", inputs.FastaFiles.Select(Path.GetFileName))}; benchmarks: {inputs.DataRoot}; output: {Path.GetFullPath(inputs.OutputDirectory)}"));
    }

    private static void PrintSummary(IAnsiConsole console, ReproductionSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        console.WriteLine();
        console.Write(new Text(s.TableMarkdown));
        console.WriteLine();
        var models = new Table().Border(TableBorder.Rounded).Title("pretraining")
            .AddColumn("model").AddColumn(new TableColumn("final loss").RightAligned()).AddColumn(new TableColumn("validation perplexity").RightAligned()).AddColumn(new TableColumn("CM-GEMS switch").RightAligned());
        foreach (var m in s.Models)
        {
            models.AddRow(
                new Text(m.Name),
                new Text(m.FinalLoss?.ToString("F3", inv) ?? "-"),
                new Text(m.FinalPerplexity?.ToString("F1", inv) ?? "-"),
                new Text(MaskingCatalog.Get(m.Strategy) is CurriculumEntry { DecidesOnEvaluations: true } ? m.SwitchStep is { } step ? $"step {step.ToString(inv)}" : "did not switch" : string.Empty));
        }

        console.Write(models);
        var measured = s.Options.Table.IsFewShot
            ? "few-shot test accuracy (mean ± std over seeds) of every pretrained model"
            : "GUE test MCC × 100 of every pretrained model";
        console.MarkupLine(Markup.Escape(string.Create(inv, $"Measured: {measured}, in {s.Elapsed.TotalMinutes:F1} min ({string.Join(", ", s.Stages.Select(t => $"{t.Stage} {t.Elapsed.TotalSeconds:F0} s{(t.Skipped ? " (reused)" : string.Empty)}"))}).")));
        console.MarkupLine($"Table and plots: [green]{Markup.Escape(s.ReportDirectory)}[/] ({Markup.Escape(string.Join(", ", s.ReportFiles.Select(Path.GetFileName)))})");
        console.MarkupLine($"Fine-tuning runs: [green]{Markup.Escape(s.ResultsPath)}[/]; PMI table: [green]{Markup.Escape(s.PmiTablePath)}[/]; corpus: [green]{Markup.Escape(s.CorpusDirectory)}[/]; models, checkpoints and metrics.jsonl: [green]{Markup.Escape(Path.Combine(s.OutputDirectory, "pretraining"))}[/]");
    }
}

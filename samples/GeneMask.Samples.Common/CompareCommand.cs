using System.CommandLine;
using System.Globalization;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction.Comparison;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>compare [--preset default|study|tiny] [--arms default|all|NAME…] [--output DIR] [--steps N] [--seeds N] [--replicates R] [--workers N] [--precision P] [--tiny] [--step S]</c>: the paired comparison of
/// masking strategies at CPU scale (<see cref="MaskingComparison"/>), or one of its jobs (<see cref="CompareSteps"/>). The app's default without arguments.
/// </summary>
public static class CompareCommand
{
    /// <summary>Default output folder (relative to the working directory).</summary>
    public const string DefaultOutput = "genemask-comparison";

    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("compare", "The main job: a paired, pre-registered comparison of masking strategies on the shipped data (same initial weights, rows, steps and batch for every arm; only the masks differ), scored by cross-masking validation loss (M1), a frozen linear probe (M2) and the paper's few-shot protocol (M3), with paired bootstrap intervals and t-tests. A rerun with the same --output reuses what is finished.");
        var arms = new Option<string[]>("--arms") { Description = $"default ({string.Join(", ", ComparisonArms.Default.Select(a => a.Name))}), all, or arm names: {string.Join(", ", ComparisonArms.All.Select(a => a.Name))}. Default: the preset's arms.", AllowMultipleArgumentsPerToken = true }
            .AcceptNames(name => ComparisonArms.ParseList([name]));
        var preset = new Option<string>("--preset") { Description = "default (the main job: 3 arms, 1 replicate), study (every arm, 5 replicates; hours, resumable) or tiny (seconds; smoke runs).", DefaultValueFactory = _ => "default" }
            .AcceptNames(name => PresetOf(name));
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder (a rerun reuses what is finished).", DefaultValueFactory = _ => new DirectoryInfo(DefaultOutput) };
        var steps = new Option<long?>("--steps") { Description = "Override the pretraining steps of every arm." };
        var seeds = new Option<int?>("--seeds") { Description = "Override the few-shot seeds (at least 2)." };
        var replicates = new Option<int?>("--replicates") { Description = "Pretraining replicates R (at least 1; default 1): each its own initial weights, row order and masks, shared by every arm; intervals then cover the variance between pretrainings." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var workers = new Option<int?>("--workers") { Description = "Jobs run at once, each with one torch thread (default: one per CPU core; the results do not depend on it). Several processes can also run disjoint --arms into the same --output." };
        var precision = new Option<ModelPrecision?>("--precision") { Description = "Fp32 (the default's), Bf16Mixed (fp32 master weights, bf16 compute; faster on CPUs with bf16 matrix units), Fp16Mixed (GPU) or Bf16 (pure bf16), for pretraining and few-shot fine-tuning." }.NamedValue();
        var tiny = new Option<bool>("--tiny") { Description = "The tiny preset (--preset tiny): a one-layer, hidden-32 model and small data sizes, the whole chain in seconds (smoke runs)." };
        var step = CompareSteps.StepOption();
        var replicate = CompareSteps.ReplicateOption();
        foreach (var option in new Option[] { arms, output, preset, steps, seeds, replicates, device, workers, precision, tiny, step, replicate })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Task.Run(() => context.Run(() =>
        {
            var options = parse.GetValue(tiny) ? MaskingComparisonOptions.Tiny : PresetOf(parse.GetValue(preset)!);
            options = options with { Device = parse.GetValue(device)! };
            if (parse.GetValue(arms) is { Length: > 0 } names)
            {
                options = options with { Arms = ComparisonArms.ParseList(names) };
            }

            if (parse.GetValue(steps) is { } n)
            {
                options = options with { PretrainingSteps = n, Preset = options.Preset + $" ({n.ToString(CultureInfo.InvariantCulture)} steps)" };
            }

            if (parse.GetValue(precision) is { } p)
            {
                options = options with { Precision = p };
            }

            if (parse.GetValue(workers) is { } w)
            {
                options = options with { Workers = w };
            }

            if (parse.GetValue(seeds) is { } s)
            {
                options = options with { Seeds = s };
            }

            if (parse.GetValue(replicates) is { } r)
            {
                options = options with { Replicates = r };
            }

            var inputs = new ComparisonInputs([SampleData.HumanGenome], SampleData.Folder, parse.GetValue(output)!.FullName);
            return parse.GetValue(step) is { } job
                ? CompareSteps.Run(context, options, inputs, job, parse.GetValue(replicate), cancellationToken)
                : Run(context, options, inputs, cancellationToken);
        }), CancellationToken.None));
        return command;
    }

    /// <summary>The options of a preset by name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Not a preset; the message lists them.</exception>
    private static MaskingComparisonOptions PresetOf(string name) => name.Trim().ToLowerInvariant() switch
    {
        "default" => MaskingComparisonOptions.Default,
        "study" => MaskingComparisonOptions.Study,
        "tiny" => MaskingComparisonOptions.Tiny,
        _ => throw new ArgumentException($"Unknown preset '{name}'; expected default, study or tiny.", nameof(name)),
    };

    /// <summary>Runs the comparison under progress bars and prints its tables; returns the exit code (0 also when the gate fails: the run says so).</summary>
    public static int Run(SampleContext context, MaskingComparisonOptions options, ComparisonInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        return context.Run(() =>
        {
            var console = context.Console;
            var comparison = new MaskingComparison(options);
            PrintPlan(console, comparison.Options, inputs);
            var outcome = context.WithStageProgress<ComparisonProgress, ComparisonOutcome>(
                comparison.StageNames,
                p => (p.StageIndex, p.Stage, p.Detail, p.Fraction),
                progress => comparison.Run(inputs, progress, cancellationToken));
            PrintResults(console, outcome);
            return 0;
        });
    }

    private static void PrintPlan(IAnsiConsole console, MaskingComparisonOptions o, ComparisonInputs inputs)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Write(new Rule($"[bold]Masking comparison[/] ({Markup.Escape(o.Preset)})").LeftJustified());
        console.MarkupLine(Markup.Escape(string.Create(inv,
            $"Arms: {string.Join(", ", o.Arms.Select(a => a.Name))}; {o.Replicates} pretraining replicate{(o.Replicates == 1 ? string.Empty : "s")}. Model: {o.Model.LayerCount} layers, hidden {o.Model.HiddenSize}, {o.Model.HeadCount} heads, intermediate {o.Model.IntermediateSize}; rows of {o.ChunkBases} bases; {o.PretrainingSteps} steps × {o.BatchSize} rows, lr {o.LearningRate}, the same for every arm.")));
        console.MarkupLine(Markup.Escape(string.Create(inv,
            $"M1: {o.M1Rows} validation rows × 3 fixed maskings. M2: linear probe, Prom-core {o.PromCorePoolRows}/{o.PromCoreTestRows}, Splice-40 {o.SpliceTrainRows:N0}/{o.SpliceTestRows}. M3: Prom-core n = {o.Shots} per class × {o.Seeds} seeds, {o.FewShotTestRows} test rows.")));
        console.MarkupLine(Markup.Escape("Decided before running: " + MaskingComparison.Rule));
        console.MarkupLine(Markup.Escape($"Output: {Path.GetFullPath(inputs.OutputDirectory)}"));
    }

    private static void PrintResults(IAnsiConsole console, ComparisonOutcome outcome)
    {
        var e = outcome.Evidence;
        var inv = CultureInfo.InvariantCulture;
        console.WriteLine();
        foreach (var gate in new[] { e.Gate }.Concat(e.Arms.Where(a => a.PretrainingSteps > 0 && a.Name != e.Gate.Arm).Select(a => a.Gate)))
        {
            console.MarkupLine((gate.Passed ? "[green]Context gate[/] " : "[red]Context gate[/] ") + Markup.Escape(gate.Message));
        }

        foreach (var check in e.Arms.Where(a => a.PretrainingSteps > 0).Select(a => a.ContextCheck).OfType<GateResult>())
        {
            console.MarkupLine((check.Passed ? "[green]Context check[/] " : "[red]Context check[/] ") + Markup.Escape(check.Message));
        }

        console.MarkupLine(Markup.Escape(string.Create(inv, $"Gate references on [MASK] positions: context-free {e.GateReference.ContextFreeMaskLoss:F3}, neighbour oracle (the floor) {e.GateReference.NeighbourOracleMaskLoss:F3}; copy baseline on all positions {e.GateReference.CopyBaselineLoss:F3}.")));

        var m1 = new Table().Border(TableBorder.Rounded).Title("M1: validation loss under fixed maskings (nats; lower is better)").AddColumn("model");
        foreach (var m in MaskingComparison.Maskings)
        {
            m1.AddColumn(new TableColumn(m).RightAligned());
        }

        m1.AddRow([new Text("context-free"), .. MaskingComparison.Maskings.Select(m => new Text(e.ContextFreeLoss[m].ToString("F3", inv)))]);
        foreach (var arm in e.Arms)
        {
            m1.AddRow([new Text(arm.Name), .. MaskingComparison.Maskings.Select(m => new Text(arm.M1Loss[m].ToString("F3", inv)))]);
        }

        console.Write(m1);

        var acc = new Table().Border(TableBorder.Rounded).Title("M2 (frozen linear probe) and M3 (few-shot) test accuracy")
            .AddColumn("model").AddColumn(new TableColumn("M2 Prom-core").RightAligned()).AddColumn(new TableColumn("M2 Splice-40").RightAligned())
            .AddColumn(new TableColumn("M3 Prom-core [[95 % CI]]").RightAligned()).AddColumn(new TableColumn("CM-GEMS switch").RightAligned());
        acc.AddRow(new Text("bag-of-6-mers"), new Text(e.KmerBaselineAccuracy[MaskingComparison.PromCore].ToString("F3", inv)), new Text(e.KmerBaselineAccuracy[MaskingComparison.Splice40].ToString("F3", inv)), new Text("-"), new Text(string.Empty));
        foreach (var arm in e.Arms)
        {
            acc.AddRow(
                new Text(arm.Name),
                new Text(arm.M2Accuracy[MaskingComparison.PromCore].ToString("F3", inv)),
                new Text(arm.M2Accuracy[MaskingComparison.Splice40].ToString("F3", inv)),
                new Text(string.Create(inv, $"{arm.M3.Mean:F3} [{arm.M3.Ci95[0]:F3}, {arm.M3.Ci95[1]:F3}]")),
                new Text(arm.Name == CmGemsCurriculum.CurriculumName ? arm.SwitchStep is { } s ? string.Create(inv, $"step {s}") : "did not switch" : string.Empty));
        }

        console.Write(acc);

        var comparisons = new Table().Border(TableBorder.Rounded).Title(string.Create(inv, $"Paired comparisons (arm − reference; {e.Replicates} pretraining replicate{(e.Replicates == 1 ? string.Empty : "s")})"))
            .AddColumn("comparison").AddColumn("family").AddColumn("metric").AddColumn(new TableColumn("difference").RightAligned()).AddColumn(new TableColumn("95 % interval").RightAligned())
            .AddColumn(new TableColumn("95 % t-interval").RightAligned()).AddColumn(new TableColumn("p").RightAligned()).AddColumn(new TableColumn("p (Holm)").RightAligned()).AddColumn("claimed");
        static string P(double p) => double.IsNaN(p) ? "n/a" : p < 0.001 ? "< 0.001" : p.ToString("F3", CultureInfo.InvariantCulture);
        foreach (var c in e.Comparisons.OrderBy(c => c.Primary ? 0 : 1))
        {
            comparisons.AddRow(
                new Text($"{c.Arm} − {c.Reference}"),
                new Text(c.Primary ? "primary" : "exploratory"),
                new Text($"{c.Metric} {c.Task}"),
                new Text(c.Difference.ToString("+0.000;-0.000;0.000", inv)),
                new Text(string.Create(inv, $"[{c.Ci95[0]:+0.000;-0.000;0.000}, {c.Ci95[1]:+0.000;-0.000;0.000}]")),
                new Text(string.Create(inv, $"[{c.TCi95[0]:+0.000;-0.000;0.000}, {c.TCi95[1]:+0.000;-0.000;0.000}]")),
                new Text(P(c.P)),
                new Text(c.PHolm is { } h ? P(h) : "-"),
                new Text(c.Claimed ? "yes" : "no"));
        }

        console.Write(comparisons);
        console.MarkupLine("[bold]Rule:[/] " + Markup.Escape(e.Rule));
        foreach (var r in e.Resolution)
        {
            console.MarkupLine(Markup.Escape(string.Create(inv,
                $"Paper effect {r.Contrast}: {r.PaperEffect:+0.000} (Table 4); this run resolves ±{(r.M3HalfWidth is { } m3 ? m3.ToString("F3", inv) : "-")} (M3), ±{(r.M2HalfWidth is { } m2 ? m2.ToString("F3", inv) : "-")} (M2 Prom-core).")));
        }

        foreach (var line in ComparisonReport.Summary(e))
        {
            console.MarkupLine("• " + Markup.Escape(line));
        }

        console.MarkupLine(Markup.Escape(string.Create(inv, $"Wall time of this invocation: {e.TotalSeconds / 60:F1} min.")));
        console.MarkupLine($"evidence.json, report.md, CSV and plots: [green]{Markup.Escape(Path.Combine(outcome.OutputDirectory, "report"))}[/]");
    }
}

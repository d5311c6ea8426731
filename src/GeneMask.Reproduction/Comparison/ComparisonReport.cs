using System.Globalization;
using System.Text;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using ScottPlot;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// The report of a <see cref="MaskingComparison"/>: Markdown (<c>report.md</c>), CSV (<c>arms.csv</c>,
/// <c>comparisons.csv</c>) and plots (k-mer-span validation-loss curves, M2 and M3 bars with interval whiskers, the M1
/// heat map), each as PNG and SVG.
/// </summary>
public static class ComparisonReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes every report file into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(ComparisonEvidence evidence, string directory)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        void Text(string name, string contents)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, contents);
            files.Add(path);
        }

        Text("report.md", Markdown(evidence));
        Text("arms.csv", ArmsCsv(evidence));
        Text("comparisons.csv", ComparisonsCsv(evidence));
        files.AddRange(CurvePlot(evidence, Path.Combine(directory, $"{KmerSpanMasking.StrategyName}-validation-loss")));
        files.AddRange(BarPlot(evidence, Path.Combine(directory, "m2-m3-accuracy")));
        files.AddRange(HeatMap(evidence, Path.Combine(directory, "m1-cross-masking-loss")));
        return files;
    }

    /// <summary>The report as Markdown: gate, the three metrics, every comparison, the rule, the resolution and a summary that follows the rule.</summary>
    public static string Markdown(ComparisonEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var e = evidence;
        var s = new StringBuilder();
        s.AppendLine(Inv, $"# Masking comparison ({e.Preset}; {Replicates(e.Replicates)})");
        s.AppendLine();
        s.AppendLine(Inv, $"**Context gate — {e.Gate.Message}**");
        s.AppendLine();
        s.AppendLine("## Context gate — loss on the positions whose input is [MASK] (fixed k-mer-span masks; nats per token)");
        s.AppendLine();
        var g = e.GateReference;
        s.AppendLine(Inv, $"A model learned from context when its loss on the {g.MaskTokens} [MASK]-input positions is at least {F(e.Gate.Margin)} nats below the context-free loss there; on all predicted positions (80/10/10) the copy-aware baseline, which reads no neighbour, scores {F(g.CopyBaselineLoss)}.");
        s.AppendLine();
        s.AppendLine("| model | [MASK] positions | gap to context-free | all positions | gate |");
        s.AppendLine("|---|---:|---:|---:|---|");
        s.AppendLine(Inv, $"| context-free (6-mer frequencies) | {F(g.ContextFreeMaskLoss)} | 0 | {F(e.ContextFreeLoss[g.Masking])} | reference |");
        s.AppendLine(Inv, $"| copy baseline (no context) | {F(g.ContextFreeMaskLoss)} | 0 | {F(g.CopyBaselineLoss)} | reference |");
        s.AppendLine(Inv, $"| neighbour oracle (the floor) | {F(g.NeighbourOracleMaskLoss)} | {F(g.ContextFreeMaskLoss - g.NeighbourOracleMaskLoss)} | – | reference |");
        foreach (var arm in e.Arms)
        {
            foreach (var gate in arm.Replicates.Count > 1 ? [arm.Gate, .. arm.Replicates.Select(r => r.Gate)] : new[] { arm.Gate })
            {
                var name = gate.Replicate is { } r ? string.Create(Inv, $"{arm.Name}, replicate {r}") : arm.Replicates.Count > 1 ? arm.Name + " (mean)" : arm.Name;
                var verdict = arm.Name == ComparisonArm.None.Name ? "control (not pretrained)" : gate.Passed ? "passed" : "failed on these masks";
                s.AppendLine(Inv, $"| {name} | {F(gate.ModelLoss)} | {F(gate.Gap)} | {F(gate.Loss)} | {verdict} |");
            }
        }

        s.AppendLine();
        s.AppendLine("## Context check — gap to the context-free loss on the [MASK]-input positions of each fixed masking (nats)");
        s.AppendLine();
        s.AppendLine(Inv, $"An arm learned from context when on one of the fixed maskings its gap is at least {F(e.Gate.Margin)} nats in every replicate (gaps below are means over replicates); only such arms enter a claim.");
        s.AppendLine();
        s.AppendLine("| model | " + string.Join(" | ", MaskingComparison.Maskings) + " | learned from context |");
        s.AppendLine("|---|" + string.Concat(MaskingComparison.Maskings.Select(_ => "---:|")) + "---|");
        s.AppendLine("| context-free loss on [MASK] positions | " + string.Join(" | ", MaskingComparison.Maskings.Select(m => g.ContextFreeMaskLosses.TryGetValue(m, out var cf) ? F(cf) : "–")) + " | reference |");
        foreach (var arm in e.Arms.Where(a => a.Gates.Count > 0))
        {
            var check = arm.ContextCheck!;
            var verdict = arm.Name == ComparisonArm.None.Name ? "control (not pretrained)" : check.Passed ? "yes (" + check.Masking + ")" : "no";
            s.AppendLine(Inv, $"| {arm.Name} | {string.Join(" | ", arm.Gates.Select(gate => F(gate.Gap)))} | {verdict} |");
        }

        s.AppendLine();
        s.AppendLine("## M1 — validation loss under three fixed maskings (nats per predicted token; lower is better)");
        s.AppendLine();
        s.AppendLine("Each column favours the arm that was trained on that masking.");
        s.AppendLine();
        s.AppendLine("| model | " + string.Join(" | ", MaskingComparison.Maskings) + " | kmer-span, [MASK] positions |");
        s.AppendLine("|---|" + string.Concat(MaskingComparison.Maskings.Select(_ => "---:|")) + "---:|");
        s.AppendLine("| context-free (6-mer frequencies) | " + string.Join(" | ", MaskingComparison.Maskings.Select(m => F(e.ContextFreeLoss[m]))) + " | " + F(g.ContextFreeMaskLoss) + " |");
        foreach (var arm in e.Arms)
        {
            s.AppendLine("| " + arm.Name + " | " + string.Join(" | ", MaskingComparison.Maskings.Select(m => F(arm.M1Loss[m]))) + " | " + F(arm.M1MaskTokenLoss[g.Masking]) + " |");
        }

        s.AppendLine();
        s.AppendLine("## M2 — frozen linear probe, M3 — few-shot Prom-core (test accuracy)");
        s.AppendLine();
        var m3Over = e.Replicates > 1 ? string.Create(Inv, $"over {e.Replicates} replicates") : "over seeds";
        s.AppendLine(Inv, $"| model | M2 Prom-core | M2 Splice-40 | M3 Prom-core, mean [95 % t-interval] {m3Over} | pretraining | supervised positions per step | tokens seen | CM-GEMS switch |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        s.AppendLine(Inv, $"| bag-of-6-mers logistic regression | {F(e.KmerBaselineAccuracy[MaskingComparison.PromCore])} | {F(e.KmerBaselineAccuracy[MaskingComparison.Splice40])} | – | – | – | – | |");
        foreach (var arm in e.Arms)
        {
            var pretraining = arm.PretrainingSteps == 0 ? "none" : string.Create(Inv, $"{arm.PretrainingSteps} steps, {arm.PretrainingSeconds:F0} s");
            var switched = arm.Name == CmGemsCurriculum.CurriculumName ? arm.SwitchStep is { } step ? string.Create(Inv, $"step {step}") : "did not switch" : string.Empty;
            s.AppendLine(Inv, $"| {arm.Name} | {F(arm.M2Accuracy[MaskingComparison.PromCore])} | {F(arm.M2Accuracy[MaskingComparison.Splice40])} | {F(arm.M3.Mean)} [{F(arm.M3.Ci95[0])}, {F(arm.M3.Ci95[1])}] | {pretraining} | {arm.SupervisedPositionsPerStep:F1} | {arm.TokensSeen:N0} | {switched} |");
        }

        s.AppendLine();
        s.AppendLine("## Paired comparisons (difference = arm − reference; accuracy, loss for M1)");
        s.AppendLine();
        s.AppendLine("| arm − reference | family | metric | task | paired over | difference | 95 % interval | 95 % t-interval | p (t) | p (Holm) | claimed |");
        s.AppendLine("|---|---|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var c in e.Comparisons.OrderBy(c => c.Primary ? 0 : 1))
        {
            s.AppendLine(Inv, $"| {c.Arm} − {c.Reference} | {(c.Primary ? "primary" : "exploratory")} | {c.Metric} | {c.Task} | {c.PairedOver} | {D(c.Difference)} | [{D(c.Ci95[0])}, {D(c.Ci95[1])}] | [{D(c.TCi95[0])}, {D(c.TCi95[1])}] | {P(c.P)} | {(c.PHolm is { } h ? P(h) : "–")} | {(c.Claimed ? "yes" : "no")} |");
        }
        s.AppendLine();
        s.AppendLine(Inv, $"*Rule, fixed before running: {e.Rule}*");
        s.AppendLine();
        s.AppendLine("## What this scale can resolve");
        s.AppendLine();
        s.AppendLine("The paper's few-shot effects (Table 4, DNABert pretrained 10K steps, mean accuracy over 5 tasks × n ∈ {10, 50}) beside the half-widths of this run's 95 % intervals for the same contrasts: an effect smaller than the half-width cannot be resolved here.");
        s.AppendLine();
        s.AppendLine("| contrast | paper effect | M3 half-width here | M2 Prom-core half-width here |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var r in e.Resolution)
        {
            s.AppendLine(Inv, $"| {r.Contrast} | {D(r.PaperEffect)} | {(r.M3HalfWidth is { } m3 ? "±" + F(m3) : "not run")} | {(r.M2HalfWidth is { } m2 ? "±" + F(m2) : "not run")} |");
        }

        var detectable = e.Comparisons.Where(c => c.DetectableEffect is not null).ToList();
        if (detectable.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(Inv, $"The primary contrasts: the smallest difference each could have claimed with about 80 % power, (t(1 − α/(2m), R − 1) + t(0.8, R − 1)) × SE, at Holm's strictest level (α = 0.05, m = {detectable.Count}), with the standard error of its t-interval over the {e.Replicates} replicates.");
            s.AppendLine();
            s.AppendLine("| primary contrast | difference | smallest detectable difference | claimed |");
            s.AppendLine("|---|---:|---:|---|");
            foreach (var c in detectable)
            {
                s.AppendLine(Inv, $"| {c.Arm} − {c.Reference} ({c.Metric} {c.Task}) | {D(c.Difference)} | ±{F(c.DetectableEffect!.Value)} | {(c.Claimed ? "yes" : "no")} |");
            }
        }

        s.AppendLine();
        s.AppendLine("## Summary");
        s.AppendLine();
        foreach (var line in Summary(e))
        {
            s.AppendLine("- " + line);
        }

        s.AppendLine();
        s.AppendLine(Inv, $"Run: {e.TotalSeconds / 60:F1} min in this invocation on {e.Machine.Cores} cores ({e.Machine.Cpu ?? "unknown CPU"}, {e.Machine.Os}, {e.Machine.Runtime}, {e.Machine.TorchThreads} torch threads{(e.Machine.LoadAverage is { } l ? string.Create(Inv, $", load average {l:F1} at the end") : string.Empty)}); finished {e.FinishedUtc:yyyy-MM-dd HH:mm} UTC.");
        foreach (var run in e.Invocations)
        {
            s.AppendLine(Inv, $"- invocation finished {run.FinishedUtc:yyyy-MM-dd HH:mm} UTC: arms {string.Join(", ", run.Arms)}; {run.TotalSeconds / 60:F1} min, {run.Workers} workers, {run.Precision}{(run.LoadAverage is { } load ? string.Create(Inv, $", load {load:F1}") : string.Empty)}.");
        }

        s.AppendLine(Inv, $"Data: {string.Join(", ", e.DataSizes.Select(kv => $"{kv.Key} {kv.Value}"))}.");
        return s.ToString();
    }

    /// <summary>
    /// The summary's sentences; their wording follows the rule: findings only for claimed primary comparisons, nothing
    /// between strategies with one replicate, and no claim for an arm that did not learn from context.
    /// </summary>
    public static IReadOnlyList<string> Summary(ComparisonEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var lines = new List<string>();
        if (evidence.Replicates < 2)
        {
            lines.Add("With one pretraining replicate, differences between strategies cannot be judged: each arm was pretrained once, and no interval covers the variance between pretrainings. This run claims no difference; --replicates R (at least 2) can.");
        }

        foreach (var arm in evidence.Arms.Where(a => a.Name != ComparisonArm.None.Name && a.ContextCheck is not { Passed: true }))
        {
            lines.Add($"{(arm.ContextCheck ?? arm.Gate).Message} Its comparisons are not claimed.");
        }

        var primary = evidence.Comparisons.Where(c => c.Primary).ToList();
        var claimed = primary.Where(c => c.Claimed).ToList();
        foreach (var c in claimed)
        {
            var direction = c.Difference > 0 ? "higher" : "lower";
            lines.Add(string.Create(Inv, $"{c.Arm} scores {direction} than {c.Reference} on {c.Metric} {c.Task}: {D(c.Difference)} [{D(c.Ci95[0])}, {D(c.Ci95[1])}], t-interval [{D(c.TCi95[0])}, {D(c.TCi95[1])}], Holm-adjusted p {PValue(c.PHolm ?? double.NaN)}."));
        }

        var unresolved = primary.Where(c => !c.Claimed).Select(c => $"{c.Arm} − {c.Reference} ({c.Metric} {c.Task})").ToList();
        if (unresolved.Count > 0)
        {
            lines.Add("No difference is claimed for the primary comparison" + (unresolved.Count > 1 ? "s " : " ") + string.Join(", ", unresolved) + ".");
        }

        if (evidence.Comparisons.Count > primary.Count)
        {
            lines.Add(string.Create(Inv, $"The other {evidence.Comparisons.Count - primary.Count} comparisons are exploratory: shown with uncorrected intervals and p-values, and not findings."));
        }

        return lines;
    }

    /// <summary>One row per arm: M1 per masking, M2 per task, M3 mean and interval, pretraining.</summary>
    public static string ArmsCsv(ComparisonEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var s = new StringBuilder();
        s.AppendLine(Inv, $"arm,{string.Join(",", MaskingComparison.Maskings.Select(m => "m1_" + m.Replace('-', '_')))},m1_kmer_span_mask_positions,gate_passed,m2_prom_core,m2_splice_40,m3_mean,m3_ci95_low,m3_ci95_high,pretraining_steps,pretraining_seconds,supervised_positions_per_step,tokens_seen,switch_step,learned_context,context_masking");
        s.AppendLine(Inv, $"context-free,{string.Join(",", MaskingComparison.Maskings.Select(m => R(evidence.ContextFreeLoss[m])))},{R(evidence.GateReference.ContextFreeMaskLoss)},,,,,,,,,,,");
        s.AppendLine(Inv, $"neighbour-oracle,,,,{R(evidence.GateReference.NeighbourOracleMaskLoss)},,,,,,,,,,,");
        s.AppendLine(Inv, $"bag-of-6-mers,,,,,,{R(evidence.KmerBaselineAccuracy[MaskingComparison.PromCore])},{R(evidence.KmerBaselineAccuracy[MaskingComparison.Splice40])},,,,,,,,");
        foreach (var a in evidence.Arms)
        {
            s.AppendLine(Inv, $"{a.Name},{string.Join(",", MaskingComparison.Maskings.Select(m => R(a.M1Loss[m])))},{R(a.M1MaskTokenLoss[evidence.GateReference.Masking])},{(a.Gate.Passed ? "true" : "false")},{R(a.M2Accuracy[MaskingComparison.PromCore])},{R(a.M2Accuracy[MaskingComparison.Splice40])},{R(a.M3.Mean)},{R(a.M3.Ci95[0])},{R(a.M3.Ci95[1])},{a.PretrainingSteps},{R(a.PretrainingSeconds)},{R(a.SupervisedPositionsPerStep)},{a.TokensSeen},{a.SwitchStep},{(a.ContextCheck is { Passed: true } ? "true" : "false")},{a.ContextCheck?.Masking}");
        }

        return s.ToString();
    }

    /// <summary>One row per comparison.</summary>
    public static string ComparisonsCsv(ComparisonEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var s = new StringBuilder();
        s.AppendLine("arm,reference,primary,metric,task,pairs,difference,ci95_low,ci95_high,t_ci95_low,t_ci95_high,p,p_holm,claimed");
        foreach (var c in evidence.Comparisons)
        {
            s.AppendLine(Inv, $"{c.Arm},{c.Reference},{(c.Primary ? "true" : "false")},{c.Metric},{c.Task},{c.Pairs},{R(c.Difference)},{R(c.Ci95[0])},{R(c.Ci95[1])},{R(c.TCi95[0])},{R(c.TCi95[1])},{R(c.P)},{(c.PHolm is { } h ? R(h) : string.Empty)},{(c.Claimed ? "true" : "false")}");
        }

        return s.ToString();
    }

    private static List<string> CurvePlot(ComparisonEvidence e, string stem)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        for (var i = 0; i < e.Arms.Count; i++)
        {
            var arm = e.Arms[i];
            var color = palette.GetColor(i);
            if (arm.Curve.Count == 1)
            {
                // The control is one point: draw it as a level.
                var level = plot.Add.HorizontalLine(arm.Curve[0].Loss, 1.5f, color, LinePattern.Dotted);
                level.LegendText = $"{arm.Name} (initial weights)";
                continue;
            }

            var line = plot.Add.ScatterLine(arm.Curve.Select(p => (double)p.Step).ToArray(), arm.Curve.Select(p => p.Loss).ToArray(), color);
            line.LegendText = arm.Name;
            line.LineWidth = 2;
            line.MarkerSize = 4;
            if (arm.SwitchStep is { } step)
            {
                var marker = plot.Add.VerticalLine(step, 1.5f, color, LinePattern.Dashed);
                marker.LegendText = string.Create(Inv, $"{arm.Name}: switch at step {step}");
            }
        }

        var contextFree = plot.Add.HorizontalLine(e.ContextFreeLoss[KmerSpanMasking.StrategyName], 1.5f, Colors.Black, LinePattern.Dashed);
        contextFree.LegendText = "context-free loss";
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("Validation loss on fixed k-mer-span masks (common yardstick)");
        plot.XLabel("optimizer step");
        plot.YLabel("loss (nats per masked token)");
        return Save(plot, stem, 1000, 560);
    }

    private static List<string> BarPlot(ComparisonEvidence e, string stem)
    {
        // Three groups: M2 Prom-core, M2 Splice-40, M3 Prom-core; one bar per arm. Whiskers: 95 % intervals
        // (M2: normal approximation of a binomial proportion; M3: Student t over seeds).
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        string[] groups = ["M2 Prom-core", "M2 Splice-40", "M3 Prom-core"];
        var n = e.DataSizes;
        for (var g = 0; g < groups.Length; g++)
        {
            var start = g * (e.Arms.Count + 1);
            for (var a = 0; a < e.Arms.Count; a++)
            {
                var arm = e.Arms[a];
                double value, error;
                if (g < 2)
                {
                    var task = g == 0 ? MaskingComparison.PromCore : MaskingComparison.Splice40;
                    value = arm.M2Accuracy[task];
                    var rows = g == 0 ? n.GetValueOrDefault("prom_core_m2_test_rows", 1) : n.GetValueOrDefault("splice_40_test_rows", 1);
                    error = 1.96 * Math.Sqrt(value * (1 - value) / Math.Max(1, rows));
                }
                else
                {
                    value = arm.M3.Mean;
                    error = (arm.M3.Ci95[1] - arm.M3.Ci95[0]) / 2;
                }

                bars.Add(new Bar { Position = start + a, Value = value, Error = error, FillColor = palette.GetColor(a) });
            }

            ticks.Add(new Tick(start + ((e.Arms.Count - 1) / 2.0), groups[g], isMajor: true));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        for (var a = 0; a < e.Arms.Count; a++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = e.Arms[a].Name, FillColor = palette.GetColor(a) });
        }

        plot.ShowLegend(Edge.Right);
        var low = bars.Min(b => b.Value - b.Error);
        plot.Axes.SetLimitsY(Math.Max(0, low - 0.05), Math.Min(1.02, bars.Max(b => b.Value + b.Error) + 0.05));
        plot.Title("Test accuracy with 95 % intervals");
        plot.YLabel("accuracy");
        return Save(plot, stem, 1000, 560);
    }

    private static List<string> HeatMap(ComparisonEvidence e, string stem)
    {
        var rows = new List<(string Name, double[] Values)> { ("context-free", [.. MaskingComparison.Maskings.Select(m => e.ContextFreeLoss[m])]) };
        rows.AddRange(e.Arms.Select(a => (a.Name, MaskingComparison.Maskings.Select(m => a.M1Loss[m]).ToArray())));
        var values = new double[rows.Count, MaskingComparison.Maskings.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < MaskingComparison.Maskings.Count; c++)
            {
                values[r, c] = rows[r].Values[c];
            }
        }

        var plot = new Plot();
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.FlipVertically = false;
        plot.Add.ColorBar(map).Label = "loss (nats)";
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < MaskingComparison.Maskings.Count; c++)
            {
                // Heat map cells are centred on integer coordinates; row 0 at the top.
                var text = plot.Add.Text(values[r, c].ToString("F2", Inv), c, rows.Count - 1 - r);
                text.LabelFontColor = Colors.White;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. MaskingComparison.Maskings.Select((m, i) => new Tick(i, m + " masks", isMajor: true))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. rows.Select((row, i) => new Tick(rows.Count - 1 - i, row.Name, isMajor: true))]);
        plot.Title("M1: validation loss of every model under every fixed masking");
        return Save(plot, stem, 900, 120 + (60 * rows.Count));
    }

    private static List<string> Save(Plot plot, string stem, int width, int height)
    {
        var png = stem + ".png";
        var svg = stem + ".svg";
        var bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(png, stream => stream.Write(bytes));
        AtomicFile.WriteAllText(svg, plot.GetSvgXml(width, height));
        return [png, svg];
    }

    private static string F(double value) => value.ToString("F3", Inv);

    private static string Replicates(int count) => count == 1 ? "1 pretraining replicate" : string.Create(Inv, $"{count} pretraining replicates");

    private static string D(double value) => value.ToString("+0.000;−0.000;0.000", Inv);

    private static string P(double value) => double.IsNaN(value) ? "n/a" : value < 0.001 ? "< 0.001" : value.ToString("F3", Inv);

    /// <summary><see cref="P"/> with the relation a sentence needs: "p = 0.012", "p &lt; 0.001".</summary>
    private static string PValue(double value) => value >= 0.001 ? "= " + P(value) : P(value);

    private static string R(double value) => value.ToString("R", Inv);
}

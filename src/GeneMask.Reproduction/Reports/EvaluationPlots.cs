using System.Globalization;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Runs;
using GeneMask.Infrastructure;
using ScottPlot;

namespace GeneMask.Reproduction.Reports;

/// <summary>
/// Plots for the reports, written as PNG and SVG (ScottPlot 5, rendered through SkiaSharp; works headless): pretraining
/// loss / perplexity curves per strategy with the curriculum switch marked, and few-shot accuracy bars with error bars.
/// </summary>
public static class EvaluationPlots
{
    /// <summary>
    /// Writes <c>{baseName}-loss.png/.svg</c> and, when any curve has perplexities, <c>{baseName}-perplexity.png/.svg</c>
    /// into <paramref name="directory"/>; a curriculum switch is a dashed vertical line in its curve's colour.
    /// </summary>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> SavePretrainingCurves(IReadOnlyList<TrainingCurve> curves, string directory, string baseName = "pretraining", PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        if (curves.Count == 0)
        {
            throw new ArgumentException("No curves to plot.", nameof(curves));
        }

        size ??= new PlotSize();
        var written = new List<string>();
        written.AddRange(SaveCurves(curves, p => p.Loss, "training loss", "Pretraining loss", Path.Combine(directory, baseName + "-loss"), size, logScale: false));
        if (curves.Any(c => c.Points.Any(p => p.Perplexity is not null)))
        {
            written.AddRange(SaveCurves(curves, p => p.Perplexity, "validation perplexity (log scale)", "Validation perplexity", Path.Combine(directory, baseName + "-perplexity"), size, logScale: true));
        }

        return written;
    }

    /// <summary>
    /// Writes <c>{baseName}.png/.svg</c>: one group of bars per (task, n), one bar per model, height = mean accuracy over
    /// seeds, error bar = sample standard deviation.
    /// </summary>
    /// <returns>The paths written.</returns>
    /// <param name="results">Runs; only few-shot runs are plotted.</param>
    /// <param name="directory">Output folder.</param>
    /// <param name="baseName">File stem.</param>
    /// <param name="size">Image size.</param>
    /// <param name="modelOrder">Models in the order of their bars (others follow by name); null: by name.</param>
    public static IReadOnlyList<string> SaveFewShotBars(EvaluationResults results, string directory, string baseName = "fewshot-accuracy", PlotSize? size = null, IReadOnlyList<string>? modelOrder = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        var cells = ResultSummary.Summarise(results).Where(c => c.Suite == BenchmarkSuite.FewShot).ToList();
        if (cells.Count == 0)
        {
            throw new ArgumentException("No few-shot runs to plot.", nameof(results));
        }

        var models = GeneMask.Evaluation.Reports.PaperTables.OrderModels(cells.Select(c => c.Model), modelOrder);
        var known = TaskCatalog.FewShotTasks.Select(t => t.Name).ToList();
        var groups = cells.Select(c => (c.Task, c.Shots)).Distinct()
            .OrderBy(g => known.IndexOf(g.Task) is var i && i >= 0 ? i : int.MaxValue).ThenBy(g => g.Task, StringComparer.Ordinal).ThenBy(g => g.Shots)
            .ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var g = 0; g < groups.Count; g++)
        {
            var start = g * (models.Count + 1);
            for (var m = 0; m < models.Count; m++)
            {
                var cell = cells.FirstOrDefault(c => c.Model == models[m] && c.Task == groups[g].Task && c.Shots == groups[g].Shots);
                if (cell is null)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = start + m,
                    Value = cell.MeanAccuracy,
                    Error = cell.StdAccuracy,
                    FillColor = palette.GetColor(m),
                });
            }

            var label = string.Create(CultureInfo.InvariantCulture, $"{groups[g].Task}\nn={groups[g].Shots}");
            ticks.Add(new Tick(start + ((models.Count - 1) / 2.0), label, isMajor: true));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        for (var m = 0; m < models.Count; m++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = models[m], FillColor = palette.GetColor(m) });
        }

        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title("Few-shot accuracy (mean ± std over seeds)");
        plot.YLabel("test accuracy");
        return Save(plot, Path.Combine(directory, baseName), size ?? new PlotSize());
    }

    private static List<string> SaveCurves(IReadOnlyList<TrainingCurve> curves, Func<TrainingCurvePoint, double?> select, string yLabel, string title, string pathStem, PlotSize size, bool logScale)
    {
        // Perplexity falls over orders of magnitude: plot log10 values with ticks labelled in plain numbers.
        Func<double, double> transform = logScale ? Math.Log10 : v => v;
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var points = curve.Points.Where(p => select(p) is { } v && double.IsFinite(v) && (!logScale || v > 0)).ToList();
            var color = palette.GetColor(i);
            if (points.Count > 0)
            {
                var line = plot.Add.ScatterLine(points.Select(p => (double)p.Step).ToArray(), points.Select(p => transform(select(p)!.Value)).ToArray(), color);
                line.LegendText = curve.Name;
                line.LineWidth = 2;
                line.MarkerSize = points.Count <= 50 ? 5 : 0;
            }

            if (curve.CurriculumSwitchStep is { } step)
            {
                var marker = plot.Add.VerticalLine(step, 1.5f, color, LinePattern.Dashed);
                marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"{curve.Name}: switch at step {step}");
            }
        }

        if (logScale)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("G4", CultureInfo.InvariantCulture),
            };
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel("optimizer step");
        plot.YLabel(yLabel);
        return Save(plot, pathStem, size);
    }

    private static List<string> Save(Plot plot, string pathStem, PlotSize size)
    {
        var png = pathStem + ".png";
        var svg = pathStem + ".svg";
        var pngBytes = plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png);
        AtomicFile.Write(png, stream => stream.Write(pngBytes));
        AtomicFile.WriteAllText(svg, plot.GetSvgXml(size.Width, size.Height));
        return [png, svg];
    }
}

using System.Globalization;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Runs;
using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Reports;

/// <summary>
/// Builds the paper's tables from measured runs: Table 2/6 (GUE MCC per task with Human and non-Human means), Table 3
/// (mean ± std MCC over GUE and paired t-tests) and Table 4 (few-shot accuracy per task and n, overall mean). Published
/// numbers appear only as separate rows marked <see cref="ValueSource.Published"/>.
/// </summary>
public static class PaperTables
{
    /// <summary>Table 2/6: MCC × 100 per GUE task (mean over seeds), and the Human / non-Human means per model.</summary>
    /// <param name="results">Runs; only GUE runs are used.</param>
    /// <param name="reference">Which published means to add as reference rows.</param>
    /// <param name="tasks">Descriptors of the tasks in <paramref name="results"/> (species, column order); default <see cref="TaskCatalog.GueTasks"/>.</param>
    /// <param name="modelOrder">Measured models in the order of their rows (others follow by name); null: by name.</param>
    /// <exception cref="ArgumentException">A task of the results has no descriptor.</exception>
    public static ReportTable GueMcc(EvaluationResults results, GueReference reference = GueReference.Table2, IReadOnlyList<TaskDescriptor>? tasks = null, IReadOnlyList<string>? modelOrder = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cells = ResultSummary.Summarise(results).Where(c => c.Suite == BenchmarkSuite.Gue).ToList();
        var taskOrder = OrderTasks(cells.Select(c => c.Task), tasks ?? TaskCatalog.GueTasks, requireDescriptor: true, out var descriptors);
        var models = OrderModels(cells.Select(c => c.Model), modelOrder);
        var withStd = cells.Any(c => c.Runs > 1);
        var columns = taskOrder.Select(t => new ReportColumn(t, t, withStd)).ToList();
        columns.Add(new ReportColumn("human_mean", "Human mean"));
        columns.Add(new ReportColumn("non_human_mean", "non-Human mean"));
        var notes = new List<string>
        {
            "MCC × 100 on each task's test split" + (withStd ? "; mean ± sample std over seeds." : "."),
            "Human mean: " + DescribeGroup(taskOrder, descriptors, human: true) + "; non-Human mean: " + DescribeGroup(taskOrder, descriptors, human: false) + ".",
        };
        var rows = new List<ReportRow>();
        foreach (var model in models)
        {
            var byTask = cells.Where(c => c.Model == model).ToDictionary(c => c.Task);
            var row = taskOrder.Select(t => byTask.TryGetValue(t, out var c) ? Cell(100 * c.MeanMcc, c.Runs > 1 ? 100 * c.StdMcc : null, "F2") : ReportCell.Empty).ToList();
            row.Add(GroupMean(byTask, descriptors, human: true));
            row.Add(GroupMean(byTask, descriptors, human: false));
            rows.Add(new ReportRow(model, ValueSource.Measured, row));
            var missing = taskOrder.Where(t => !byTask.ContainsKey(t)).ToList();
            if (missing.Count > 0)
            {
                notes.Add($"{model} has no runs for {string.Join(", ", missing)}; its means cover the tasks it has.");
            }
        }

        var devTrained = results.Runs.Where(r => r.Suite == BenchmarkSuite.Gue && r.TrainingSource.StartsWith("dev", StringComparison.Ordinal)).Select(r => r.Task).Distinct().ToList();
        if (devTrained.Count > 0)
        {
            notes.Add($"{string.Join(", ", devTrained)}: train split not available; trained on the dev split (no checkpoint selection).");
        }

        var published = reference switch
        {
            GueReference.Table2 => PublishedResults.Table2,
            GueReference.Table6 => PublishedResults.Table6,
            _ => [],
        };
        foreach (var p in published)
        {
            List<ReportCell> row = [.. taskOrder.Select(_ => ReportCell.Empty), Cell(p.HumanMean, null, "F2"), p.NonHumanMean is { } nh ? Cell(nh, null, "F2") : ReportCell.Empty];
            rows.Add(new ReportRow(p.Model, ValueSource.Published, row));
        }

        if (published.Count > 0)
        {
            notes.Add($"Published means ({published[0].Table}) are over the paper's full GUE task set; measured means cover only the tasks above, so the two are not directly comparable.");
        }

        var (id, title) = reference == GueReference.Table6
            ? ("table6-gue-mcc", "Table 6 — GUE, MCC × 100 per task (1K-step pretraining in the paper)")
            : ("table2-gue-mcc", "Table 2 — GUE, MCC × 100 per task");
        return new ReportTable(id, title, columns, rows, notes);
    }

    /// <summary>
    /// Table 3: mean ± std of the per-task MCC × 100 over GUE for every model, and a two-sided paired t-test over the
    /// tasks each model shares with <paramref name="baselineModel"/>.
    /// </summary>
    /// <param name="results">Runs; only GUE runs are used.</param>
    /// <param name="baselineModel">The model every other is tested against (the paper: DNABert 120K).</param>
    /// <param name="includePublished">Add the paper's Table 3 rows as published rows.</param>
    /// <param name="modelOrder">Measured models in the order of their rows (others follow by name); null: by name.</param>
    /// <exception cref="ArgumentException">The baseline has no GUE runs.</exception>
    public static ReportTable Significance(EvaluationResults results, string baselineModel, bool includePublished = true, IReadOnlyList<string>? modelOrder = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(baselineModel);
        var cells = ResultSummary.Summarise(results).Where(c => c.Suite == BenchmarkSuite.Gue).ToList();
        var perModel = cells.GroupBy(c => c.Model).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Task, c => 100 * c.MeanMcc));
        if (!perModel.TryGetValue(baselineModel, out var baseline))
        {
            throw new ArgumentException($"The baseline '{baselineModel}' has no GUE runs. Models with GUE runs: {string.Join(", ", perModel.Keys)}.", nameof(baselineModel));
        }

        var columns = new List<ReportColumn>
        {
            new("mean_mcc", "MCC × 100 (mean ± std over tasks)", HasStd: true),
            new("tasks", "tasks"),
            new("mean_difference", "Δ vs baseline"),
            new("t", "t"),
            new("p_value", "p (two-sided)"),
        };
        var rows = new List<ReportRow>();
        foreach (var model in OrderModels(perModel.Keys, modelOrder))
        {
            var byTask = perModel[model];
            var values = byTask.Values.ToArray();
            var mean = Descriptive.Mean(values);
            var std = Descriptive.SampleStandardDeviation(values);
            List<ReportCell> row = [Cell(mean, std, "F2"), Cell(values.Length, null, "F0")];
            if (model == baselineModel)
            {
                row.AddRange([new ReportCell("baseline"), ReportCell.Empty, ReportCell.Empty]);
            }
            else
            {
                var common = byTask.Keys.Where(baseline.ContainsKey).OrderBy(t => t, StringComparer.Ordinal).ToList();
                if (common.Count < 2)
                {
                    row.AddRange([ReportCell.Empty, ReportCell.Empty, new ReportCell("n/a (< 2 shared tasks)")]);
                }
                else
                {
                    var test = PairedTTest.Compute([.. common.Select(t => byTask[t])], [.. common.Select(t => baseline[t])]);
                    row.AddRange([Cell(test.MeanDifference, null, "+0.00;-0.00;0.00"), Cell(test.T, null, "F3"), Cell(test.PValue, null, "G3")]);
                }
            }

            rows.Add(new ReportRow(model, ValueSource.Measured, row));
        }

        if (includePublished)
        {
            foreach (var p in PublishedResults.Table3)
            {
                rows.Add(new ReportRow(p.Model, ValueSource.Published,
                [
                    Cell(p.MeanMcc, p.StdMcc, "F2"),
                    ReportCell.Empty,
                    p.PValue is null ? new ReportCell("baseline") : ReportCell.Empty,
                    ReportCell.Empty,
                    p.PValue is { } pv ? Cell(pv, null, "G3") : ReportCell.Empty,
                ]));
            }
        }

        var notes = new List<string>
        {
            "Per-task MCC is the mean over seeds; mean ± sample std over the model's GUE tasks.",
            $"t and p: paired t-test (two-sided, Student t with tasks − 1 degrees of freedom) over the tasks each model shares with the baseline, {baselineModel}.",
        };
        return new ReportTable("table3-significance", "Table 3 — GUE mean MCC and paired t-test", columns, rows, notes);
    }

    /// <summary>Table 4: few-shot accuracy mean ± std over seeds per task and n, and each model's overall mean over its cells.</summary>
    /// <param name="results">Runs; only few-shot runs are used.</param>
    /// <param name="includePublished">Add the paper's overall means as published rows.</param>
    /// <param name="tasks">Task order; default <see cref="TaskCatalog.FewShotTasks"/> (others follow by name).</param>
    /// <param name="modelOrder">Measured models in the order of their rows (others follow by name); null: by name.</param>
    public static ReportTable FewShotAccuracy(EvaluationResults results, bool includePublished = true, IReadOnlyList<TaskDescriptor>? tasks = null, IReadOnlyList<string>? modelOrder = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cells = ResultSummary.Summarise(results).Where(c => c.Suite == BenchmarkSuite.FewShot).ToList();
        var taskOrder = OrderTasks(cells.Select(c => c.Task), tasks ?? TaskCatalog.FewShotTasks, requireDescriptor: false, out _);
        var grid = taskOrder.SelectMany(t => cells.Where(c => c.Task == t).Select(c => c.Shots).Distinct().Order().Select(n => (Task: t, Shots: n))).ToList();
        var columns = grid.Select(g => new ReportColumn(
            string.Create(CultureInfo.InvariantCulture, $"{g.Task}_{g.Shots}"),
            string.Create(CultureInfo.InvariantCulture, $"{g.Task} n={g.Shots}"),
            HasStd: true)).ToList();
        columns.Add(new ReportColumn("overall_mean", "overall mean"));
        var rows = new List<ReportRow>();
        var notes = new List<string>();
        var runCounts = cells.Select(c => c.Runs).Distinct().Order().ToList();
        notes.Add("Accuracy on the test split; mean ± sample std over " + (runCounts.Count == 1
            ? $"{runCounts[0]} seeds per cell."
            : $"seeds ({string.Join(", ", runCounts)} runs per cell: see the JSON results)."));
        notes.Add("overall mean: mean of the row's cell means (the paper averages 5 tasks × n ∈ {10, 50}).");
        foreach (var model in OrderModels(cells.Select(c => c.Model), modelOrder))
        {
            var byCell = cells.Where(c => c.Model == model).ToDictionary(c => (c.Task, c.Shots));
            List<ReportCell> row = [.. grid.Select(g => byCell.TryGetValue(g, out var c) ? Cell(c.MeanAccuracy, c.StdAccuracy, "F3") : ReportCell.Empty)];
            var overall = ResultSummary.OverallFewShotAccuracy(byCell.Values, model);
            row.Add(overall is { } o ? Cell(o, null, "F3") : ReportCell.Empty);
            rows.Add(new ReportRow(model, ValueSource.Measured, row));
            if (byCell.Count < grid.Count)
            {
                notes.Add($"{model} lacks {grid.Count - byCell.Count} of the {grid.Count} cells; its overall mean covers the cells it has.");
            }
        }

        var fixtureTasks = results.Runs.Where(r => r.Suite == BenchmarkSuite.FewShot && r.TrainingSource == "fixture").Select(r => r.Task).Distinct().ToList();
        if (fixtureTasks.Count > 0)
        {
            notes.Add($"{string.Join(", ", fixtureTasks)}: trained on the upstream fixture files (one fixed set per n; seeds vary only the fine-tuning).");
        }

        if (includePublished)
        {
            foreach (var p in PublishedResults.Table4)
            {
                rows.Add(new ReportRow(p.Model, ValueSource.Published, [.. grid.Select(_ => ReportCell.Empty), Cell(p.OverallAccuracy, null, "F3")]));
            }
        }

        return new ReportTable("table4-fewshot-accuracy", "Table 4 — few-shot accuracy per task and n", columns, rows, notes);
    }

    /// <summary>The distinct models of <paramref name="present"/>: those named in <paramref name="order"/> first, in its order, then the rest by ordinal name.</summary>
    public static IReadOnlyList<string> OrderModels(IEnumerable<string> present, IReadOnlyList<string>? order)
    {
        var distinct = present.Distinct().ToList();
        var first = (order ?? []).Where(distinct.Contains).Distinct();
        return [.. first, .. distinct.Where(m => order is null || !order.Contains(m)).Order(StringComparer.Ordinal)];
    }

    private static ReportCell Cell(double value, double? std, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (std is { } s)
        {
            text += " ± " + s.ToString(format, CultureInfo.InvariantCulture);
        }

        return new ReportCell(text, value, std);
    }

    private static ReportCell GroupMean(Dictionary<string, CellSummary> byTask, Dictionary<string, TaskDescriptor> descriptors, bool human)
    {
        var values = byTask.Values.Where(c => descriptors[c.Task].IsHuman == human).Select(c => 100 * c.MeanMcc).ToArray();
        return values.Length == 0 ? ReportCell.Empty : Cell(Descriptive.Mean(values), null, "F2");
    }

    private static string DescribeGroup(List<string> tasks, Dictionary<string, TaskDescriptor> descriptors, bool human)
    {
        var members = tasks.Where(t => descriptors[t].IsHuman == human).ToList();
        return members.Count == 0 ? "no tasks" : string.Join(", ", members);
    }

    private static List<string> OrderTasks(IEnumerable<string> present, IReadOnlyList<TaskDescriptor> known, bool requireDescriptor, out Dictionary<string, TaskDescriptor> descriptors)
    {
        var names = present.Distinct().ToHashSet(StringComparer.Ordinal);
        var found = known.Where(t => names.Contains(t.Name)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        descriptors = found;
        var unknown = names.Where(n => !found.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        if (requireDescriptor && unknown.Count > 0)
        {
            throw new ArgumentException($"No task descriptor for {string.Join(", ", unknown)}; pass descriptors that say their species.", nameof(known));
        }

        return [.. known.Where(t => names.Contains(t.Name)).Select(t => t.Name), .. unknown];
    }
}

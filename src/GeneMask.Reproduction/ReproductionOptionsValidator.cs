using System.Globalization;
using GeneMask.Evaluation.Datasets;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Reproduction.Experiments;
using Microsoft.Extensions.Options;

namespace GeneMask.Reproduction;

/// <summary>Validates <see cref="ReproductionOptions"/>: the shared rules, then the reproduction's own, each naming the field and its value.</summary>
internal sealed class ReproductionOptionsValidator : IValidateOptions<ReproductionOptions>
{
    private const string Type = nameof(ReproductionOptions);

    public ValidateOptionsResult Validate(string? name, ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        var inv = CultureInfo.InvariantCulture;
        var failures = ExperimentOptionsRules.Failures(o, Type, minimumSeeds: 1);
        void Check(bool ok, string field, object? value, string expected) => failures.Check(Type, ok, field, value, expected);

        Check(o.Preset is not null, nameof(o.Preset), "null", "a preset (ReproductionPreset.Quick or Paper)");
        Check(o.Table is not null, nameof(o.Table), "null", "ReproducedTable.Two, Four or Six");
        Check(Enum.IsDefined(o.Architecture), nameof(o.Architecture), o.Architecture, "Logo or DnaBert");
        Check(o.Strategies is { Count: > 0 }, nameof(o.Strategies), "empty", "at least one strategy");
        var entries = new List<MaskingCatalogEntry>();
        foreach (var s in o.Strategies ?? [])
        {
            if (MaskingCatalog.TryGet(s, out var entry))
            {
                entries.Add(entry);
            }
            else
            {
                failures.Add($"{Type}.Strategies holds '{s}', which is not in the masking catalogue ({string.Join(", ", MaskingCatalog.All.Select(e => e.Name))}).");
            }
        }

        foreach (var s in entries.GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            failures.Add($"{Type}.Strategies lists {s.Key} more than once.");
        }

        Check(o.GradientAccumulationSteps >= 1, nameof(o.GradientAccumulationSteps), o.GradientAccumulationSteps, "at least 1");
        Check(o.WarmupSteps >= 0 && o.WarmupSteps < o.PretrainingSteps, nameof(o.WarmupSteps), o.WarmupSteps, $"in [0, PretrainingSteps = {o.PretrainingSteps})");
        if (entries.Any(e => e is CurriculumEntry { DecidesOnEvaluations: true }))
        {
            // CM-GEMS decides at the earliest on its second evaluation (step 2 × interval) and the new phase applies from
            // the next step: with no step left after it, the run could never switch (reference §5: 1,000 steps, interval 500).
            Check(o.PretrainingSteps > 2L * o.EvaluationInterval, nameof(o.EvaluationInterval), o.EvaluationInterval,
                string.Create(inv, $"an interval below {(o.PretrainingSteps + 1) / 2}: CM-GEMS decides at the earliest after step {2L * o.EvaluationInterval} (its second evaluation) and no step of the {o.PretrainingSteps} could follow"));
            Check(o.CmGemsThreshold >= 0 && double.IsFinite(o.CmGemsThreshold), nameof(o.CmGemsThreshold), o.CmGemsThreshold, "a finite perplexity change ≥ 0");
        }

        Check(Enum.IsDefined(o.Flavour), nameof(o.Flavour), o.Flavour, "Paper or Upstream");
        Check(o.Compatibility is not null, nameof(o.Compatibility), "null", "an UpstreamCompatibility");
        var c = o.Compatibility ?? UpstreamCompatibility.None;
        if (!(Enum.IsDefined(o.PmiDefinition) && Enum.IsDefined(c.RankLookup) && Enum.IsDefined(c.GeneMaskUnknownKmerRank) && Enum.IsDefined(c.RandomReplacement) && Enum.IsDefined(c.CmGemsRule)))
        {
            failures.Add($"{Type}: an enum setting is out of range (PmiDefinition {o.PmiDefinition}, Compatibility.RankLookup {c.RankLookup}, Compatibility.GeneMaskUnknownKmerRank {c.GeneMaskUnknownKmerRank}, Compatibility.RandomReplacement {c.RandomReplacement}, Compatibility.CmGemsRule {c.CmGemsRule}).");
        }

        Check(c.KeepAllCentresUpTo >= 0, "Compatibility.KeepAllCentresUpTo", c.KeepAllCentresUpTo, "0 (off) or more");
        Check(o.FewShotSmall is not null && o.FewShotLarge is not null, "FewShotSmall and FewShotLarge", "null", "fine-tuning settings");
        Check(o.GueGradientAccumulationSteps is null or >= 1, nameof(o.GueGradientAccumulationSteps), o.GueGradientAccumulationSteps, "null or at least 1");
        Check(o.CheckpointInterval >= 0, nameof(o.CheckpointInterval), o.CheckpointInterval, "0 (end only) or more");
        Check(o.Shots is { Count: > 0 } && o.Shots.All(n => n >= 1), nameof(o.Shots), o.Shots is null ? "null" : string.Join(",", o.Shots), "at least one n, each at least 1");
        Check(o.MaxTestExamples is null or >= 10, nameof(o.MaxTestExamples), o.MaxTestExamples, "null or at least 10");
        Check(o.GueMaxTrainRows is null or >= 10, nameof(o.GueMaxTrainRows), o.GueMaxTrainRows, "null or at least 10");
        Check(o.GueEpochs is null or >= 1, nameof(o.GueEpochs), o.GueEpochs, "null or at least 1");
        Check(o.BaselineModel is null || (o.Table is { IsFewShot: true } && !string.IsNullOrWhiteSpace(o.BaselineModel)), nameof(o.BaselineModel), o.BaselineModel, "null, or a checkpoint folder with Table 4 (the only table with a measured baseline row)");
        CheckTasks(o.FewShotTasks, BenchmarkSuite.FewShot, nameof(o.FewShotTasks), failures);
        CheckTasks(o.GueTasks, BenchmarkSuite.Gue, nameof(o.GueTasks), failures);
        if (o.Table is { } table)
        {
            var tasks = table.IsFewShot ? o.FewShotTasks : o.GueTasks;
            Check(tasks is { Count: > 0 }, table.IsFewShot ? nameof(o.FewShotTasks) : nameof(o.GueTasks), "empty", $"at least one task for {table}");
        }

        return OptionsValidation.Result(failures);
    }

    private static void CheckTasks(IReadOnlyList<string>? names, BenchmarkSuite suite, string field, List<string> failures)
    {
        if (names is null)
        {
            failures.Add($"{Type}.{field} must not be null.");
            return;
        }

        foreach (var name in names)
        {
            TaskCatalog.TryGet(name, out var task);
            if (task is null)
            {
                failures.Add($"{Type}.{field} holds '{name}', which is not in the task catalogue ({string.Join(", ", TaskCatalog.All.Where(t => t.Suite == suite).Select(t => t.Name))}).");
            }
            else if (task.Suite != suite)
            {
                failures.Add($"{Type}.{field} holds '{name}', which is a {task.Suite} task.");
            }
        }
    }
}

using GeneMask.Infrastructure;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Reproduction.Comparison;

/// <summary>Validates <see cref="MaskingComparisonOptions"/>: the shared rules, then the comparison's own, each naming the field and its value.</summary>
internal sealed class MaskingComparisonOptionsValidator : IValidateOptions<MaskingComparisonOptions>
{
    private const string Type = nameof(MaskingComparisonOptions);
    private const int PromCoreLength = 70;

    public ValidateOptionsResult Validate(string? name, MaskingComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        var failures = ExperimentOptionsRules.Failures(o, Type, minimumSeeds: 2);
        void Check(bool ok, string field, object? value, string expected) => failures.Check(Type, ok, field, value, expected);

        Check(o.Arms is { Count: > 0 } && o.Arms.Distinct().Count() == o.Arms.Count, nameof(o.Arms), o.Arms is null ? "null" : string.Join(",", o.Arms.Select(a => a.ToString())), "a list of distinct arms");
        Check(o.Model is null || o.Model.MaxPositions >= KmerTokenizer.EncodedLength(PromCoreLength), nameof(o.Model), o.Model?.MaxPositions, $"a model with at least {KmerTokenizer.EncodedLength(PromCoreLength)} positions (Prom-core's {PromCoreLength}-base rows)");
        Check(o.Replicates >= 1, nameof(o.Replicates), o.Replicates, "at least 1");
        Check(o.PretrainingSteps >= 2, nameof(o.PretrainingSteps), o.PretrainingSteps, "at least 2");
        Check(o.WarmupFraction is >= 0 and < 1, nameof(o.WarmupFraction), o.WarmupFraction, "in [0, 1)");
        Check(o.Workers >= 0, nameof(o.Workers), o.Workers, "0 (one per CPU core) or more");
        Check(2L * o.EvaluationInterval < o.PretrainingSteps, nameof(o.EvaluationInterval), o.EvaluationInterval, $"less than half of PretrainingSteps ({o.PretrainingSteps}), so that CM-GEMS can switch inside the run");
        Check(o.EvaluationRows >= 1, nameof(o.EvaluationRows), o.EvaluationRows, "at least 1");
        Check(o.CurveInterval >= 1 && o.CurveInterval <= o.PretrainingSteps, nameof(o.CurveInterval), o.CurveInterval, $"in [1, {o.PretrainingSteps}]");
        Check(o.CurveRows >= 1, nameof(o.CurveRows), o.CurveRows, "at least 1");
        Check(o.M1Rows >= 1, nameof(o.M1Rows), o.M1Rows, "at least 1");
        Check(o.GateMargin >= 0 && double.IsFinite(o.GateMargin), nameof(o.GateMargin), o.GateMargin, "finite and ≥ 0");
        Check(o.PromCorePoolRows >= 2 * o.Shots, nameof(o.PromCorePoolRows), o.PromCorePoolRows, $"at least 2 × Shots ({2 * o.Shots})");
        Check(o.PromCoreTestRows >= 10, nameof(o.PromCoreTestRows), o.PromCoreTestRows, "at least 10");
        Check(o.SpliceTrainRows is >= 30 and <= 1_500, nameof(o.SpliceTrainRows), o.SpliceTrainRows, "in [30, 1,500] (the n = 50 fixture's rows)");
        Check(o.SpliceTestRows >= 10, nameof(o.SpliceTestRows), o.SpliceTestRows, "at least 10");
        Check(o.Shots >= 1, nameof(o.Shots), o.Shots, "at least 1");
        Check(o.FewShotTestRows >= 10 && o.FewShotTestRows <= o.PromCoreTestRows, nameof(o.FewShotTestRows), o.FewShotTestRows, $"in [10, PromCoreTestRows = {o.PromCoreTestRows}]");
        Check(o.FewShotLearningRate > 0 && double.IsFinite(o.FewShotLearningRate), nameof(o.FewShotLearningRate), o.FewShotLearningRate, "positive");
        Check(o.FewShotEpochs >= 1, nameof(o.FewShotEpochs), o.FewShotEpochs, "at least 1");
        Check(o.FewShotBatchSize >= 1, nameof(o.FewShotBatchSize), o.FewShotBatchSize, "at least 1");
        Check(o.BootstrapResamples >= 100, nameof(o.BootstrapResamples), o.BootstrapResamples, "at least 100");
        Check(!string.IsNullOrWhiteSpace(o.Preset), nameof(o.Preset), $"'{o.Preset}'", "a name");
        return OptionsValidation.Result(failures);
    }
}

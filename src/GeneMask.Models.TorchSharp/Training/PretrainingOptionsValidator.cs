using System.Globalization;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Validation of <see cref="PretrainingOptions"/> (every offending field and value is reported).</summary>
internal sealed class PretrainingOptionsValidator : IValidateOptions<PretrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, PretrainingOptions o)
    {
        var failures = new List<string>();
        void Require(bool ok, string field, object value, string expected)
        {
            if (!ok)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"PretrainingOptions.{field} must be {expected}; found {value}."));
            }
        }

        Require(o.MaxSteps >= 1, nameof(o.MaxSteps), o.MaxSteps, "at least 1");
        Require(o.BatchSize >= 1, nameof(o.BatchSize), o.BatchSize, "at least 1");
        Require(o.GradientAccumulationSteps >= 1, nameof(o.GradientAccumulationSteps), o.GradientAccumulationSteps, "at least 1");
        Require(o.LearningRate > 0 && double.IsFinite(o.LearningRate), nameof(o.LearningRate), o.LearningRate, "positive");
        Require(o.WarmupSteps >= 0 && o.WarmupSteps < o.MaxSteps, nameof(o.WarmupSteps), o.WarmupSteps, $"in [0, MaxSteps = {o.MaxSteps})");
        Require(o.WeightDecay >= 0, nameof(o.WeightDecay), o.WeightDecay, "non-negative");
        Require(o.Beta1 is >= 0 and < 1, nameof(o.Beta1), o.Beta1, "in [0, 1)");
        Require(o.Beta2 is >= 0 and < 1, nameof(o.Beta2), o.Beta2, "in [0, 1)");
        Require(o.AdamEpsilon > 0, nameof(o.AdamEpsilon), o.AdamEpsilon, "positive");
        Require(o.MaxGradientNorm > 0, nameof(o.MaxGradientNorm), o.MaxGradientNorm, "positive");
        Require(o.MaxSequenceLength >= 3, nameof(o.MaxSequenceLength), o.MaxSequenceLength, "at least 3");
        Require(o.EvaluationInterval >= 0, nameof(o.EvaluationInterval), o.EvaluationInterval, "non-negative (0 = the curriculum's)");
        Require(o.MaxValidationRows >= 0, nameof(o.MaxValidationRows), o.MaxValidationRows, "non-negative");
        Require(o.CheckpointInterval >= 0, nameof(o.CheckpointInterval), o.CheckpointInterval, "non-negative");
        Require(!string.IsNullOrWhiteSpace(o.OutputDirectory), nameof(o.OutputDirectory), $"'{o.OutputDirectory}'", "a folder path");
        Require(o.PrefetchBatches >= 1, nameof(o.PrefetchBatches), o.PrefetchBatches, "at least 1");
        return OptionsValidation.Result(failures);
    }
}

using System.Globalization;
using GeneMask.Models.TorchSharp;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction.Experiments;

/// <summary>The validation rules of <see cref="ExperimentOptions"/>, shared by the validators of the options that extend it.</summary>
internal static class ExperimentOptionsRules
{
    /// <summary>Adds a failure <c>{Type}.{field} is {value}; expected {expected}.</c> unless <paramref name="ok"/>.</summary>
    public static void Check(this List<string> failures, string type, bool ok, string field, object? value, string expected)
    {
        if (!ok)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{type}.{field} is {value}; expected {expected}."));
        }
    }

    /// <summary>Every failure of the shared settings, named as fields of <paramref name="type"/>.</summary>
    public static List<string> Failures(ExperimentOptions o, string type, int minimumSeeds)
    {
        var failures = new List<string>();
        if (o.Model is null)
        {
            failures.Add($"{type}.Model must not be null.");
        }
        else
        {
            failures.AddRange(new BertConfigValidator().Validate(null, o.Model).Failures ?? []);
            failures.Check(type, o.ChunkBases >= 11 && KmerTokenizer.EncodedLength(o.ChunkBases) <= o.Model.MaxPositions, nameof(o.ChunkBases), o.ChunkBases,
                $"at least 11, and its 6-mers plus [CLS]/[SEP] within the model's {o.Model.MaxPositions} positions (at most {KmerTokenizer.MaxBases(o.Model.MaxPositions)} bases)");
        }

        failures.Check(type, o.PretrainingSteps >= 1, nameof(o.PretrainingSteps), o.PretrainingSteps, "at least 1");
        failures.Check(type, o.BatchSize >= 1, nameof(o.BatchSize), o.BatchSize, "at least 1");
        failures.Check(type, o.LearningRate > 0 && double.IsFinite(o.LearningRate), nameof(o.LearningRate), o.LearningRate, "positive");
        failures.Check(type, o.EvaluationInterval >= 1 && o.EvaluationInterval <= o.PretrainingSteps, nameof(o.EvaluationInterval), o.EvaluationInterval, $"in [1, PretrainingSteps = {o.PretrainingSteps}]");
        failures.Check(type, o.EvaluationRows >= 0, nameof(o.EvaluationRows), o.EvaluationRows, "0 (the whole validation split) or more");
        failures.Check(type, Enum.IsDefined(o.Precision), nameof(o.Precision), o.Precision, "Fp32, Bf16Mixed, Fp16Mixed or Bf16");
        failures.Check(type, !string.IsNullOrWhiteSpace(o.Device), nameof(o.Device), $"'{o.Device}'", "cpu, cuda or cuda:N");
        failures.Check(type, o.Seeds >= minimumSeeds, nameof(o.Seeds), o.Seeds, minimumSeeds > 1 ? $"at least {minimumSeeds} (intervals over seeds)" : "at least 1");
        return failures;
    }
}

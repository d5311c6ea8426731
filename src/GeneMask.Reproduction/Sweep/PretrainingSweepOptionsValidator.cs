using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Reproduction.Sweep;

/// <summary>Validates <see cref="PretrainingSweepOptions"/>, naming each field and its value.</summary>
internal sealed class PretrainingSweepOptionsValidator : IValidateOptions<PretrainingSweepOptions>
{
    private const string Type = nameof(PretrainingSweepOptions);

    public ValidateOptionsResult Validate(string? name, PretrainingSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        var failures = new List<string>();
        failures.Check(Type, o.Configurations is { Count: > 0 } && o.Configurations.Select(c => c?.Name).Distinct().Count() == o.Configurations.Count, nameof(o.Configurations), o.Configurations?.Count, "configurations with distinct names");
        foreach (var c in o.Configurations ?? [])
        {
            var field = $"{nameof(o.Configurations)}[{c?.Name}]";
            if (c?.Model is null)
            {
                failures.Add($"{Type}.{field} has no model.");
                continue;
            }

            failures.AddRange(new BertConfigValidator().Validate(null, c.Model).Failures ?? []);
            failures.Check(Type, !string.IsNullOrWhiteSpace(c.Name) && c.Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0, field + ".Name", $"'{c.Name}'", "a file name");
            failures.Check(Type, c.RowBases >= 11 && KmerTokenizer.EncodedLength(c.RowBases) <= c.Model.MaxPositions, field + ".RowBases", c.RowBases, $"at least 11 and within the model's {c.Model.MaxPositions} positions");
            failures.Check(Type, c.BatchRows >= 1, field + ".BatchRows", c.BatchRows, "at least 1");
            failures.Check(Type, c.LearningRate > 0 && double.IsFinite(c.LearningRate), field + ".LearningRate", c.LearningRate, "positive");
            failures.Check(Type, c.WarmupFraction is >= 0 and < 1, field + ".WarmupFraction", c.WarmupFraction, "in [0, 1)");
            failures.Check(Type, c.Steps >= 1, field + ".Steps", c.Steps, "at least 1");
        }

        failures.Check(Type, o.CurveInterval >= 1, nameof(o.CurveInterval), o.CurveInterval, "at least 1");
        failures.Check(Type, o.CurveRows >= 1, nameof(o.CurveRows), o.CurveRows, "at least 1");
        failures.Check(Type, o.GateMargin >= 0 && double.IsFinite(o.GateMargin), nameof(o.GateMargin), o.GateMargin, "finite and ≥ 0");
        failures.Check(Type, Enum.IsDefined(o.Precision), nameof(o.Precision), o.Precision, "Fp32, Bf16Mixed, Fp16Mixed or Bf16");
        failures.Check(Type, !string.IsNullOrWhiteSpace(o.Device), nameof(o.Device), $"'{o.Device}'", "cpu, cuda or cuda:N");
        failures.Check(Type, o.Workers >= 0, nameof(o.Workers), o.Workers, "0 (one per CPU core) or more");
        return OptionsValidation.Result(failures);
    }
}

using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Evaluation.Runs;

/// <summary>Validates <see cref="EvaluationOptions"/>, naming the offending values.</summary>
internal sealed class EvaluationOptionsValidator : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Shots is null || options.Shots.Count == 0)
        {
            failures.Add("EvaluationOptions.Shots must list at least one n.");
        }
        else
        {
            foreach (var n in options.Shots.Where(n => n < 1))
            {
                failures.Add($"EvaluationOptions.Shots holds {n}; every n must be at least 1.");
            }

            foreach (var n in options.Shots.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                failures.Add($"EvaluationOptions.Shots lists {n} more than once.");
            }
        }

        void Range(string field, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                failures.Add($"EvaluationOptions.{field} is {value}; must be between {min} and {max}.");
            }
        }

        Range(nameof(options.SeedCount), options.SeedCount, 1, 1000);
        Range(nameof(options.FirstSeed), options.FirstSeed, 0, int.MaxValue / 2);
        Range(nameof(options.GueSeedCount), options.GueSeedCount, 1, 1000);
        if (options.FewShotSmallSettings is null || options.FewShotLargeSettings is null)
        {
            failures.Add("EvaluationOptions.FewShotSmallSettings and FewShotLargeSettings must not be null.");
        }

        if (options.ResultsPath is { } path && string.IsNullOrWhiteSpace(path))
        {
            failures.Add("EvaluationOptions.ResultsPath must not be blank (use null for in-memory results).");
        }

        return OptionsValidation.Result(failures);
    }
}

using System.Globalization;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Probing;

/// <summary>Validates <see cref="LogisticRegressionOptions"/>, naming the offending value.</summary>
internal sealed class LogisticRegressionOptionsValidator : IValidateOptions<LogisticRegressionOptions>
{
    public ValidateOptionsResult Validate(string? name, LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Require(bool condition, string field, double value, string expected)
        {
            if (!condition)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"LogisticRegressionOptions.{field} must be {expected}; found {value}."));
            }
        }

        Require(options.L2 >= 0 && !double.IsInfinity(options.L2), nameof(options.L2), options.L2, "finite and ≥ 0");
        Require(options.Iterations >= 1, nameof(options.Iterations), options.Iterations, "at least 1");
        Require(options.LearningRate > 0 && !double.IsInfinity(options.LearningRate), nameof(options.LearningRate), options.LearningRate, "finite and positive");
        return OptionsValidation.Result(failures);
    }
}

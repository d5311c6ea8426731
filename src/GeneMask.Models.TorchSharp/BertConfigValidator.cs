using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp;

/// <summary>
/// Validates a <see cref="BertConfig"/>, each failure naming the field and its value. The models run it when they are
/// created, and every options type that holds a configuration (in this package and in GeneMask.Reproduction) runs it
/// for that field.
/// </summary>
public sealed class BertConfigValidator : IValidateOptions<BertConfig>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, BertConfig options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = options;
        var failures = new List<string>();
        void Require(bool condition, string field, object value, string expected)
        {
            if (!condition)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"BertConfig.{field} must be {expected}; found {value}."));
            }
        }

        Require(c.VocabularySize > SpecialTokens.Count, nameof(c.VocabularySize), c.VocabularySize, $"greater than {SpecialTokens.Count}");
        Require(c.HiddenSize > 0, nameof(c.HiddenSize), c.HiddenSize, "positive");
        Require(c.LayerCount > 0, nameof(c.LayerCount), c.LayerCount, "positive");
        Require(c.HeadCount > 0 && c.HiddenSize % c.HeadCount == 0, nameof(c.HeadCount), c.HeadCount, $"a positive divisor of HiddenSize ({c.HiddenSize})");
        Require(c.IntermediateSize > 0, nameof(c.IntermediateSize), c.IntermediateSize, "positive");
        Require(c.HiddenDropout is >= 0 and < 1, nameof(c.HiddenDropout), c.HiddenDropout, "in [0, 1)");
        Require(c.AttentionDropout is >= 0 and < 1, nameof(c.AttentionDropout), c.AttentionDropout, "in [0, 1)");
        Require(c.MaxPositions >= 3, nameof(c.MaxPositions), c.MaxPositions, "at least 3");
        Require(c.TypeVocabularySize >= 1, nameof(c.TypeVocabularySize), c.TypeVocabularySize, "at least 1");
        Require(c.LayerNormEpsilon > 0, nameof(c.LayerNormEpsilon), c.LayerNormEpsilon, "positive");
        Require(c.InitializerRange > 0, nameof(c.InitializerRange), c.InitializerRange, "positive");
        return OptionsValidation.Result(failures);
    }
}

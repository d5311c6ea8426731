using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Samples.Tests;

/// <summary>Validates <see cref="WideSpanMaskingOptions"/> the way the library validates its strategies' options.</summary>
internal sealed class WideSpanMaskingOptionsValidator : IValidateOptions<WideSpanMaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, WideSpanMaskingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.K is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
        {
            failures.Add($"WideSpanMaskingOptions.K must be between {KmerTokenizer.MinK} and {KmerTokenizer.MaxK}, but is {options.K}.");
        }

        if (!(options.Probability is >= 0 and <= 1))
        {
            failures.Add($"WideSpanMaskingOptions.Probability must be a probability in [0, 1], but is {options.Probability}.");
        }

        return OptionsValidation.Result(failures);
    }
}

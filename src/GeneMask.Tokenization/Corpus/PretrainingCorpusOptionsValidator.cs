using System.Globalization;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Tokenization;

/// <summary>Validates <see cref="PretrainingCorpusOptions"/>: ranges and the rules that tie fields together, each failure naming the value.</summary>
internal sealed class PretrainingCorpusOptionsValidator : IValidateOptions<PretrainingCorpusOptions>
{
    private const string Prefix = nameof(PretrainingCorpusOptions);

    public ValidateOptionsResult Validate(string? name, PretrainingCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Range(string field, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{field} = {value}: must be between {min} and {max}."));
            }
        }

        Range(nameof(options.K), options.K, KmerTokenizer.MinK, KmerTokenizer.MaxK);
        Range(nameof(options.MaxChunkBases), options.MaxChunkBases, 1, 1_000_000);
        Range(nameof(options.MinChunkBases), options.MinChunkBases, 1, 1_000_000);
        Range(nameof(options.FullLengthProbability), options.FullLengthProbability, 0, 1);
        Range(nameof(options.ValidationFraction), options.ValidationFraction, 0, 1);
        if (options.MinChunkBases > options.MaxChunkBases)
        {
            failures.Add($"{Prefix}.MinChunkBases = {options.MinChunkBases} must not exceed MaxChunkBases = {options.MaxChunkBases}.");
        }

        if (options.MaxChunkBases < options.K)
        {
            failures.Add($"{Prefix}.MaxChunkBases = {options.MaxChunkBases} must be at least K = {options.K} (a chunk must hold one k-mer).");
        }

        return OptionsValidation.Result(failures);
    }
}

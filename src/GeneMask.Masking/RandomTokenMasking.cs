using GeneMask.Infrastructure;

namespace GeneMask.Masking;

/// <summary>
/// BERT's random-token masking: every maskable token independently with probability p (0.15). A baseline only: with
/// overlapping k-mers a lone masked token is trivially recovered from its neighbours.
/// </summary>
public sealed class RandomTokenMasking : IMaskingStrategy
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "random-token";

    /// <summary>Creates the strategy.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every failure names the field and value.</exception>
    public RandomTokenMasking(RandomTokenMaskingOptions? options = null)
    {
        options = new RandomTokenMaskingOptionsValidator().Validated(options ?? new RandomTokenMaskingOptions());
        DefaultProbability = options.Probability;
        Description = MaskingDescription.Format(StrategyName, ("p", DefaultProbability));
    }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public double DefaultProbability { get; }

    /// <inheritdoc />
    public int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected)
    {
        MaskingValidation.CheckCall(batch, probability, selected);
        var threshold = MaskRandom.Threshold32(probability);
        var total = 0;
        for (var r = 0; r < batch.RowCount; r++)
        {
            var row = selected.Slice(r * batch.RowLength, batch.RowLength);
            row.Clear();
            total += CentreSampler.SampleFlags(ref random, 1, batch.LastMaskable(r), threshold, row);
        }

        return total;
    }
}

using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>The rules the masking validators share (each message names the field and the offending value), and the strategies' argument checks.</summary>
internal static class MaskingValidation
{
    /// <summary>Argument checks shared by every strategy's <see cref="IMaskingStrategy.SelectPositions"/>.</summary>
    public static void CheckCall(in MaskingBatch batch, double probability, Span<bool> selected)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The masking probability must be in [0, 1].");
        }

        if (selected.Length < batch.Ids.Length)
        {
            throw new ArgumentException($"The selection buffer holds {selected.Length} flags; the batch has {batch.Ids.Length} ids.", nameof(selected));
        }
    }

    internal static void Probability(List<string> failures, string prefix, string name, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            failures.Add($"{prefix}.{name} must be a probability in [0, 1], but is {value}.");
        }
    }

    internal static void AtMost(List<string> failures, string prefix, string name, long value, long max)
    {
        if (value > max)
        {
            failures.Add($"{prefix}.{name} must be at most {max}, but is {value}.");
        }
    }

    internal static void K(List<string> failures, string prefix, int k)
    {
        if (k is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
        {
            failures.Add($"{prefix}.K must be between {KmerTokenizer.MinK} and {KmerTokenizer.MaxK}, but is {k}.");
        }
    }

    internal static void Defined<TEnum>(List<string> failures, string prefix, string name, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            failures.Add($"{prefix}.{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, but is {value}.");
        }
    }
}

using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>The hand-written checks of every masking option (ranges with the offending value, and cross-field rules).</summary>
internal static class MaskingValidation
{
    public static List<string> Check(RandomTokenMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Probability(failures, prefix, nameof(options.Probability), options.Probability);
        return failures;
    }

    public static List<string> Check(KmerSpanMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        K(failures, prefix, options.K);
        Probability(failures, prefix, nameof(options.Probability), options.Probability);
        return failures;
    }

    public static List<string> Check(GeneMaskMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Probability(failures, prefix, nameof(options.Probability), options.Probability);
        Defined(failures, prefix, nameof(options.RankLookup), options.RankLookup);
        Defined(failures, prefix, nameof(options.UnknownKmerRank), options.UnknownKmerRank);
        if (options.KeepAllCentresUpTo < 0)
        {
            failures.Add($"{prefix}.{nameof(options.KeepAllCentresUpTo)} must be at least 0 (0 = off), but is {options.KeepAllCentresUpTo}.");
        }

        return failures;
    }

    public static List<string> Check(GlobalPmiMaskingOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Probability(failures, prefix, nameof(options.Probability), options.Probability);
        Defined(failures, prefix, nameof(options.RankLookup), options.RankLookup);
        Defined(failures, prefix, nameof(options.UnknownKmerRank), options.UnknownKmerRank);
        return failures;
    }

    public static List<string> Check(MlmCollatorOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        K(failures, prefix, options.K);
        Probability(failures, prefix, nameof(options.MaskTokenProbability), options.MaskTokenProbability);
        Probability(failures, prefix, nameof(options.RandomTokenProbability), options.RandomTokenProbability);
        if (options.MaskTokenProbability + options.RandomTokenProbability > 1 + 1e-12)
        {
            failures.Add($"{prefix}: {nameof(options.MaskTokenProbability)} + {nameof(options.RandomTokenProbability)} must not exceed 1, but is {options.MaskTokenProbability} + {options.RandomTokenProbability} = {options.MaskTokenProbability + options.RandomTokenProbability}.");
        }

        Defined(failures, prefix, nameof(options.RandomReplacement), options.RandomReplacement);
        Defined(failures, prefix, nameof(options.Padding), options.Padding);
        if (options.MaxSequenceLength < 3)
        {
            failures.Add($"{prefix}.{nameof(options.MaxSequenceLength)} must leave room for [CLS], a k-mer and [SEP] (at least 3), but is {options.MaxSequenceLength}.");
        }

        if (options.PadToMultipleOf < 1)
        {
            failures.Add($"{prefix}.{nameof(options.PadToMultipleOf)} must be at least 1, but is {options.PadToMultipleOf}.");
        }

        return failures;
    }

    public static void ThrowIfInvalid(List<string> failures)
    {
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures));
        }
    }

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

namespace GeneMask.Masking;

/// <summary>Options of <see cref="MlmCollator"/>. Defaults: 80 % [MASK], 10 % random k-mer, 10 % kept; pad to the longest row.</summary>
public sealed class MlmCollatorOptions
{
    /// <summary>The k-mer length, which sets the vocabulary (5 + 4^k ids). Default 6.</summary>
    public int K { get; set; } = 6;

    /// <summary>Share of the predicted positions replaced by [MASK]. Default 0.8.</summary>
    public double MaskTokenProbability { get; set; } = 0.8;

    /// <summary>Share of the predicted positions replaced by a random token (the rest keep their token). Default 0.1.</summary>
    public double RandomTokenProbability { get; set; } = 0.1;

    /// <summary>Where random replacements come from. Default <see cref="RandomReplacementSource.KmerIds"/>; the whole vocabulary is upstream's defect.</summary>
    public RandomReplacementSource RandomReplacement { get; set; } = RandomReplacementSource.KmerIds;

    /// <summary>How batches are padded. Default <see cref="PaddingMode.Longest"/>.</summary>
    public PaddingMode Padding { get; set; } = PaddingMode.Longest;

    /// <summary>The longest row accepted, [CLS] and [SEP] included, and the padded length in <see cref="PaddingMode.Fixed"/>. Default 512.</summary>
    public int MaxSequenceLength { get; set; } = 512;

    /// <summary>With <see cref="PaddingMode.Longest"/>, round the padded length up to a multiple of this (capped at <see cref="MaxSequenceLength"/>). Default 1.</summary>
    public int PadToMultipleOf { get; set; } = 1;

    /// <summary>The run's seed: batch b is masked with generators derived from (seed, b). Default 0.</summary>
    public ulong Seed { get; set; }
}

namespace GeneMask.Masking;

/// <summary>How <see cref="MlmCollator"/> pads a batch.</summary>
public enum PaddingMode
{
    /// <summary>To the batch's longest row (rounded up to <see cref="MlmCollatorOptions.PadToMultipleOf"/>), as Hugging Face does by default.</summary>
    Longest = 0,

    /// <summary>Always to <see cref="MlmCollatorOptions.MaxSequenceLength"/>: every batch has the same shape (no reallocation, static tensor shapes).</summary>
    Fixed = 1,
}

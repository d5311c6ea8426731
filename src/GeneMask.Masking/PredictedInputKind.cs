namespace GeneMask.Masking;

/// <summary>What the input shows at a predicted position (classified from the input and the label, not from the collator's draw).</summary>
internal enum PredictedInputKind : byte
{
    /// <summary>The input is <c>[MASK]</c>.</summary>
    MaskToken = 0,

    /// <summary>The input is a token other than the label.</summary>
    RandomToken = 1,

    /// <summary>The input is the label itself (kept, or a random replacement that drew the true id).</summary>
    OriginalToken = 2,
}

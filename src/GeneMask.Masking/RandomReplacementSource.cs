namespace GeneMask.Masking;

/// <summary>Which ids the "random token" share of the 80/10/10 replacement draws from.</summary>
public enum RandomReplacementSource
{
    /// <summary>k-mer ids only (default): a random replacement is always a k-mer.</summary>
    KmerIds = 0,

    /// <summary>Upstream behaviour, for reproduction only: the whole vocabulary, special tokens ([PAD], [CLS], [MASK]…) included.</summary>
    WholeVocabulary = 1,
}

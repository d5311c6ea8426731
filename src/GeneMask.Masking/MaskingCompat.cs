namespace GeneMask.Masking;

/// <summary>What the NPMI rank of a position is looked up by.</summary>
public enum RankLookup
{
    /// <summary>The rank of the token at the position (the method as published; default).</summary>
    ByToken = 0,

    /// <summary>
    /// Upstream defect, for reproduction only: the position index itself is looked up as if it were a token id, so the
    /// "PMI-guided" choice ignores the sequence (Global then picks the same positions in every row).
    /// </summary>
    ByPosition = 1,
}

/// <summary>How a position holding [UNK] (a k-mer with a base other than A/C/G/T) ranks.</summary>
public enum UnknownKmerRank
{
    /// <summary>Worst: never preferred (default).</summary>
    Worst = 0,

    /// <summary>Upstream GeneMask behaviour, for reproduction only: [UNK] ranks best and attracts the widened span.</summary>
    Best = 1,
}

/// <summary>Which ids the "random token" share of the 80/10/10 replacement draws from.</summary>
public enum RandomReplacementSource
{
    /// <summary>k-mer ids only (default): a random replacement is always a k-mer.</summary>
    KmerIds = 0,

    /// <summary>Upstream behaviour, for reproduction only: the whole vocabulary, special tokens ([PAD], [CLS], [MASK]…) included.</summary>
    WholeVocabulary = 1,
}

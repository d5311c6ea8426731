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

namespace GeneMask.Masking;

/// <summary>The strategies by name, for configuration.</summary>
public enum MaskingStrategyKind
{
    /// <summary><see cref="RandomTokenMasking"/>.</summary>
    RandomToken = 0,

    /// <summary><see cref="KmerSpanMasking"/>.</summary>
    KmerSpan = 1,

    /// <summary><see cref="GeneMaskMasking"/>.</summary>
    GeneMask = 2,

    /// <summary><see cref="GlobalPmiMasking"/>.</summary>
    GlobalPmi = 3,
}

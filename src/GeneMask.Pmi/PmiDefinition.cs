namespace GeneMask.Pmi;

/// <summary>Which PMI of a k-mer is computed and ranked.</summary>
public enum PmiDefinition
{
    /// <summary>
    /// The paper's definition (Levine et al. 2021; GeneMask eq. 1): <c>p(s) = f(s) / windows(|s|)</c>, PMI_k = the
    /// minimum over all segmentations into at least two contiguous parts.
    /// </summary>
    Paper = 0,

    /// <summary>
    /// The recipe behind the published GeneMask 6-mer ranking: <c>p(s) = f(s) / (2 · windows(|s|))</c>; the ranked
    /// PMI is the minimum over segmentations whose parts are all 1- or 2-mers (<c>dp.true.pmi</c>).
    /// </summary>
    GeneMaskPublished = 1,
}

namespace GeneMask.Reproduction;

/// <summary>Which of the two readings of the method a reproduction follows.</summary>
public enum ReproductionFlavour
{
    /// <summary>The method as the papers write it (default): Appendix-A PMI, ranks by token, the paper's learning rates, the last-drop switch rule.</summary>
    Paper = 0,

    /// <summary>
    /// Every upstream behaviour that changes the numbers (reference notes §3, §5, §6): the published PMI recipe, rank looked
    /// up by position, keep-all-centres, unknown k-mers ranked best in GeneMask, random replacement from the whole
    /// vocabulary, the minimum-|Δ| switch rule, the scripts' learning rates and GUE batch — to compare like for like with
    /// the published numbers.
    /// </summary>
    Upstream = 1,
}

namespace GeneMask.Masking;

/// <summary>When CM-GEMS decides that the easy phase is exhausted.</summary>
public enum CmGemsSwitchRule
{
    /// <summary>The perplexity drop between the last two evaluations, previous − last, is below the threshold (the paper's words; default). An increase counts as no drop.</summary>
    LastDrop = 0,

    /// <summary>Upstream code: the smallest |Δ| over all consecutive evaluations so far is below the threshold (a large increase does not trigger).</summary>
    MinimumAbsoluteChange = 1,
}

namespace GeneMask.Reproduction;

/// <summary>The k-mer ranking and masking settings of a plan.</summary>
internal sealed record PlannedMasking
{
    /// <summary>PMI definition of the ranking.</summary>
    public required string PmiDefinition { get; init; }

    /// <summary>What the rank is looked up by.</summary>
    public required string RankLookup { get; init; }

    /// <summary>GeneMask's keep-all-centres bound (0: off).</summary>
    public required int GeneMaskKeepAllCentresUpTo { get; init; }

    /// <summary>[UNK]'s rank in GeneMask.</summary>
    public required string GeneMaskUnknownKmerRank { get; init; }

    /// <summary>Source of the random 10 % replacement.</summary>
    public required string RandomReplacement { get; init; }

    /// <summary>CM-GEMS threshold (perplexity change).</summary>
    public required double CmGemsThreshold { get; init; }

    /// <summary>CM-GEMS switch rule.</summary>
    public required string CmGemsRule { get; init; }

    /// <summary>Steps between the evaluations CM-GEMS reads.</summary>
    public required int CmGemsEvaluationInterval { get; init; }

    /// <summary>CM-Step's blocks.</summary>
    public required int CmStepBlocks { get; init; }
}

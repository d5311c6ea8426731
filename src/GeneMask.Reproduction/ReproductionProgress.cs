namespace GeneMask.Reproduction;

/// <summary>Progress of a reproduction: the stage running and how far it is.</summary>
/// <param name="Stage">Short stage name (<c>PMI table</c>, <c>corpus</c>, <c>pretrain cm-gems</c>, <c>few-shot cm-gems</c>, <c>report</c>).</param>
/// <param name="StageIndex">0-based index of the stage.</param>
/// <param name="StageCount">Stages of the whole run.</param>
/// <param name="Fraction">Completion of the stage in [0, 1].</param>
/// <param name="Detail">What the stage just did (e.g. the last loss), or null.</param>
public sealed record ReproductionProgress(string Stage, int StageIndex, int StageCount, double Fraction, string? Detail = null);

namespace GeneMask.Reproduction.Comparison;

/// <summary>What pretraining an arm produced (saved once it finished; a rerun reuses it).</summary>
/// <param name="Arm">The arm's name.</param>
/// <param name="Steps">Optimizer steps (0 for <c>none</c>).</param>
/// <param name="Seconds">Wall time of the pretraining.</param>
/// <param name="SwitchStep">CM-GEMS: the step after which it switched to Global; null when it did not (or another arm).</param>
/// <param name="FinalTrainingLoss">Training loss of the last step, on the arm's own masks (not comparable across arms).</param>
/// <param name="Curve">The k-mer-span validation-loss curve.</param>
/// <param name="SupervisedPositions">Positions that took a loss, summed over every step (0 for <c>none</c>).</param>
internal sealed record ArmPretraining(string Arm, long Steps, double Seconds, long? SwitchStep, double? FinalTrainingLoss, IReadOnlyList<CurvePoint> Curve, long SupervisedPositions);

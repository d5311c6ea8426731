namespace GeneMask.Reproduction;

/// <summary>The result in a pretraining's <see cref="ReproductionPipeline.DoneMarkerFile"/>, beside the identity of the run.</summary>
/// <param name="Model">The model's name in the tables.</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Fingerprint">The trainer's run fingerprint (its checkpoint's).</param>
/// <param name="Flavour"><c>paper</c> or <c>upstream</c>.</param>
/// <param name="SwitchStep">CM-GEMS's switch step, or null.</param>
internal sealed record PretrainingDone(string Model, long Steps, string Fingerprint, string Flavour, long? SwitchStep);

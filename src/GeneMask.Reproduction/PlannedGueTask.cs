using GeneMask.Evaluation;

namespace GeneMask.Reproduction;

/// <summary>A GUE task of a plan.</summary>
/// <param name="Name">Short name.</param>
/// <param name="Folder">GUE folder.</param>
/// <param name="Species">Species.</param>
/// <param name="Human">Whether it counts towards the Human mean.</param>
/// <param name="Classes">Classes.</param>
/// <param name="FineTuning">Its fine-tuning settings.</param>
internal sealed record PlannedGueTask(string Name, string Folder, string Species, bool Human, int Classes, FineTuneSettings FineTuning);

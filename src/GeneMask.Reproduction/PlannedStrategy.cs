using GeneMask.Masking;

namespace GeneMask.Reproduction;

/// <summary>A strategy of the plan.</summary>
/// <param name="Strategy">Its catalogue name (as the command line takes it).</param>
/// <param name="ModelName">The model's name in the tables.</param>
/// <param name="Folder">Its folder under <c>pretraining/</c>.</param>
/// <param name="Masking">The curriculum and its strategies with every setting (<see cref="ICurriculumScheduler.Description"/>).</param>
internal sealed record PlannedStrategy(string Strategy, string ModelName, string Folder, string Masking);

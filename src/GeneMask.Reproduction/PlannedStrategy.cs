namespace GeneMask.Reproduction;

/// <summary>A strategy of the plan.</summary>
/// <param name="Strategy">Command-line name.</param>
/// <param name="ModelName">The model's name in the tables.</param>
/// <param name="Folder">Its folder under <c>pretraining/</c>.</param>
public sealed record PlannedStrategy(string Strategy, string ModelName, string Folder);

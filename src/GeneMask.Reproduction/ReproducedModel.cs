namespace GeneMask.Reproduction;

/// <summary>One pretrained model of a reproduction.</summary>
/// <param name="Strategy">The masking strategy or curriculum, by catalogue name.</param>
/// <param name="Name">The model's name in the tables.</param>
/// <param name="Directory">The pretraining folder (checkpoint, <c>metrics.jsonl</c>, <c>model/</c>).</param>
/// <param name="FinalLoss">Training loss of the last step, or null when the run was reused.</param>
/// <param name="FinalPerplexity">Last validation perplexity, or null.</param>
/// <param name="SwitchStep">The step at which CM-GEMS switched to Global, or null when it did not (or is not CM-GEMS).</param>
public sealed record ReproducedModel(string Strategy, string Name, string Directory, double? FinalLoss, double? FinalPerplexity, long? SwitchStep)
{
    /// <summary>Whether the pretraining was found finished, of the same run, and reused (no step was trained).</summary>
    public bool Reused { get; init; }
}

using GeneMask.Reproduction;

namespace GeneMask.Samples;

/// <summary>Which sample app is running: its name and the one-line description shown by <c>--help</c>.</summary>
/// <param name="Name">The app's name (used in messages).</param>
/// <param name="Description">What the app does.</param>
/// <param name="Model">The architecture the app pretrains.</param>
public sealed record SampleApp(string Name, string Description, ReproductionModel Model)
{
    /// <summary>The LOGO-sized model sample (2 layers, hidden 256), small enough for a CPU.</summary>
    public static SampleApp Logo { get; } = new(
        "GeneMask.Samples.Logo",
        "GeneMask with the small LOGO model. Without arguments: the main job, `compare` — a paired comparison of masking strategies on the shipped data (none, kmer-span, genemask, global, cm-gems) with intervals and a context gate.",
        ReproductionModel.Logo);

    /// <summary>The DNABERT-sized model sample (12 layers, hidden 768).</summary>
    public static SampleApp DnaBert { get; } = new(
        "GeneMask.Samples.DnaBert",
        "GeneMask with the DNABERT model. Without arguments: the main job, `compare` (the paired comparison of masking strategies with the small LOGO-family model); the DNABert-sized runs are `reproduce` (hours on a CPU; use --device cuda on a GPU).",
        ReproductionModel.DnaBert);
}

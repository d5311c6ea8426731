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
        "GeneMask with the small LOGO model. Without arguments: the scaled-down (quick) reproduction of the paper's Table 4 on the shipped data, about 15 minutes on 2 CPU cores.",
        ReproductionModel.Logo);

    /// <summary>The DNABERT-sized model sample (12 layers, hidden 768).</summary>
    public static SampleApp DnaBert { get; } = new(
        "GeneMask.Samples.DnaBert",
        "GeneMask with the DNABERT model. Without arguments: the scaled-down (quick) reproduction of the paper's Table 4 with DNABert on the shipped data: hours on a CPU (the LOGO app is the 15-minute one); use --device cuda on a GPU.",
        ReproductionModel.DnaBert);
}

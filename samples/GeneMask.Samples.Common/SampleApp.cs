namespace GeneMask.Samples;

/// <summary>Which sample app is running: its name and the one-line description shown by <c>--help</c>.</summary>
/// <param name="Name">The app's name (used in messages).</param>
/// <param name="Description">What the app does.</param>
public sealed record SampleApp(string Name, string Description)
{
    /// <summary>The LOGO-sized model sample (2 layers, hidden 256), small enough for a CPU.</summary>
    public static SampleApp Logo { get; } = new(
        "GeneMask.Samples.Logo",
        "GeneMask with the small LOGO model. Without arguments: tokenizes the shipped human genome fragment and prints its statistics.");

    /// <summary>The DNABERT-sized model sample (12 layers, hidden 768).</summary>
    public static SampleApp DnaBert { get; } = new(
        "GeneMask.Samples.DnaBert",
        "GeneMask with the DNABERT model. Without arguments: tokenizes the shipped human genome fragment and prints its statistics.");
}

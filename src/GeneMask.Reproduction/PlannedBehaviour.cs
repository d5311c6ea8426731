namespace GeneMask.Reproduction;

/// <summary>An upstream behaviour (reference notes §3, §4, §6, the authors' scripts) and what a plan does about it.</summary>
/// <param name="Behaviour">What the upstream code or script does.</param>
/// <param name="Source">Where it is documented (a section of the reference notes, or the script).</param>
/// <param name="Reproduced">Whether this run does it.</param>
/// <param name="Detail">How it is done, or why not (the paper flavour; or why it is left out in both, see <c>docs/deviations.md</c>).</param>
internal sealed record PlannedBehaviour(string Behaviour, string Source, bool Reproduced, string Detail);

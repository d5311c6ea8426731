namespace GeneMask.Reproduction;

/// <summary>Where a reproduction reads and writes.</summary>
/// <param name="FastaFiles">Genome FASTA files for the PMI table and the pretraining corpus (plain or gzip/bgzip).</param>
/// <param name="DataRoot">Folder holding <c>fewshot/…</c> and <c>gue/…</c> as laid out by the task catalogue.</param>
/// <param name="OutputDirectory">Folder for everything written (created if missing; a rerun resumes from it).</param>
public sealed record ReproductionInputs(IReadOnlyList<string> FastaFiles, string DataRoot, string OutputDirectory)
{
    /// <summary>
    /// Whether a rerun continues the run in <see cref="OutputDirectory"/> (default): finished pretrainings of the same run
    /// are reused, interrupted ones resumed, fine-tuning runs already done skipped. False starts every stage over.
    /// </summary>
    public bool Resume { get; init; } = true;
}

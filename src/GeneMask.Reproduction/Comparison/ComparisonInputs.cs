namespace GeneMask.Reproduction.Comparison;

/// <summary>Where a comparison reads and writes.</summary>
/// <param name="FastaFiles">Genome FASTA files of the pretraining corpus.</param>
/// <param name="DataRoot">Folder holding <c>fewshot/Prom-core</c> and <c>fewshot/Splice-40</c> as the task catalogue lays them out.</param>
/// <param name="OutputDirectory">Folder for everything written; a rerun reuses what is finished.</param>
public sealed record ComparisonInputs(IReadOnlyList<string> FastaFiles, string DataRoot, string OutputDirectory);

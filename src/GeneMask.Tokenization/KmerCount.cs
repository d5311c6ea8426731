namespace GeneMask.Tokenization;

/// <summary>A k-mer with its DNABERT token id and how often it occurs.</summary>
/// <param name="Kmer">The k-mer (upper case).</param>
/// <param name="Id">Its token id in the DNABERT vocabulary.</param>
/// <param name="Count">Occurrences.</param>
public readonly record struct KmerCount(string Kmer, int Id, long Count);

namespace GeneMask.Pmi;

/// <summary>One k-mer of a <see cref="PmiTable"/>.</summary>
/// <param name="Kmer">The k-mer text.</param>
/// <param name="Code">Its 2-bit code (token id − 5).</param>
/// <param name="Rank">Its rank, 1 = highest NPMI.</param>
/// <param name="Count">Its count, when known.</param>
/// <param name="NaivePmi">Naive PMI, when defined.</param>
/// <param name="Pmi">The ranked PMI, when defined.</param>
/// <param name="Npmi">Normalised PMI; null below the minimum count.</param>
public sealed record PmiEntry(string Kmer, int Code, int Rank, long? Count, double? NaivePmi, double? Pmi, double? Npmi);

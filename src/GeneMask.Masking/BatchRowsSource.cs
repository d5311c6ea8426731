namespace GeneMask.Masking;

/// <summary>Fills <paramref name="rows"/> with the k-mer rows of batch <paramref name="batchIndex"/>; must be a pure function of the index.</summary>
/// <param name="batchIndex">The batch's index in the run.</param>
/// <param name="rows">An empty, reusable row list to fill (its buffers belong to the producer's worker).</param>
public delegate void BatchRowsSource(long batchIndex, KmerRows rows);

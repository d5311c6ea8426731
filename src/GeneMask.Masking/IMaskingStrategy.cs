using GeneMask.Infrastructure;

namespace GeneMask.Masking;

/// <summary>
/// Chooses which positions of a batch the model must predict. Implementations are immutable and thread-safe; all their
/// randomness comes from the generator they are given.
/// </summary>
/// <remarks>
/// The 80/10/10 replacement is not the strategy's business: <see cref="MlmCollator"/> applies it to the chosen
/// positions. Strategies never choose [CLS], [SEP] or [PAD] (see <see cref="MaskingBatch"/>).
/// </remarks>
public interface IMaskingStrategy
{
    /// <summary>A short, stable name (<c>random-token</c>, <c>kmer-span</c>, <c>genemask</c>, <c>global</c>, …): its name in the catalogue (<see cref="MaskingCatalog"/>).</summary>
    string Name { get; }

    /// <summary>
    /// The strategy and every setting that changes what it selects, in canonical form (<see cref="MaskingDescription.Format"/>),
    /// e.g. <c>kmer-span(k=6, p=0.025)</c>: equal descriptions select the same positions for the same batch and generator.
    /// Run fingerprints include it.
    /// </summary>
    string Description { get; }

    /// <summary>The strategy's masking probability from its options (per token, or per span centre for span strategies).</summary>
    double DefaultProbability { get; }

    /// <summary>
    /// Marks the positions to predict. Every entry of <paramref name="selected"/> within the batch's shape is written
    /// (<see langword="true"/> = predict), so the buffer need not be cleared first.
    /// </summary>
    /// <param name="batch">The rows.</param>
    /// <param name="probability">The masking probability to use (the curriculum may override the default); in [0, 1].</param>
    /// <param name="random">The batch's generator (<see cref="MaskRandom.ForBatch"/>), advanced by the call.</param>
    /// <param name="selected">Receives one flag per id, same shape as <see cref="MaskingBatch.Ids"/>.</param>
    /// <returns>The number of positions selected.</returns>
    int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected);
}

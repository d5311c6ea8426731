using GeneMask.Infrastructure;

namespace GeneMask.Masking;

/// <summary>
/// DNABERT's random span masking: centres drawn with Bernoulli(p) (0.025); each centre c masks the k tokens that
/// contain one of its bases, c − ⌊(k−1)/2⌋ … c + ⌈(k−1)/2⌉ (c−2 … c+3 for k = 6), clipped to the maskable positions.
/// </summary>
public sealed class KmerSpanMasking : IMaskingStrategy
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "kmer-span";

    private readonly SpanGeometry _geometry;

    /// <summary>Creates the strategy.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults (k = 6, p = 0.025).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every failure names the field and value.</exception>
    public KmerSpanMasking(KmerSpanMaskingOptions? options = null)
    {
        options = new KmerSpanMaskingOptionsValidator().Validated(options ?? new KmerSpanMaskingOptions());
        DefaultProbability = options.Probability;
        _geometry = new SpanGeometry(options.K);
        Description = MaskingDescription.Format(StrategyName, ("k", options.K), ("p", DefaultProbability));
    }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public double DefaultProbability { get; }

    /// <summary>The span geometry (from k).</summary>
    public SpanGeometry Geometry => _geometry;

    /// <inheritdoc />
    public int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected)
    {
        MaskingValidation.CheckCall(batch, probability, selected);
        var threshold = MaskRandom.Threshold32(probability);
        var centres = System.Buffers.ArrayPool<int>.Shared.Rent(batch.RowLength);
        try
        {
            var total = 0;
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = selected.Slice(r * batch.RowLength, batch.RowLength);
                row.Clear();
                var end = batch.LastMaskable(r);
                var n = CentreSampler.Sample(ref random, 1, end, threshold, centres);
                for (var i = 0; i < n; i++)
                {
                    _geometry.MarkSpan(row, centres[i], end);
                }

                total += SpanGeometry.CountSelected(row);
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(centres);
        }
    }
}

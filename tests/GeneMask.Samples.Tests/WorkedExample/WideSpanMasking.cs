using System.Buffers;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using Microsoft.Extensions.Options;

namespace GeneMask.Samples.Tests;

/// <summary>
/// The worked example of docs/architecture.md, a strategy written outside the library: Global's widened spans (every
/// k-mer that shares a base with the centre's, 2k − 1 tokens) around centres drawn at random instead of by NPMI rank,
/// the control that tells the width of Global's spans from its PMI ranking. Built only from the library's public
/// helpers: <see cref="CentreSampler"/>, <see cref="SpanGeometry"/>, <see cref="MaskRandom"/>, <see cref="MaskingDescription"/>,
/// <see cref="OptionsValidation"/>.
/// </summary>
public sealed class WideSpanMasking : IMaskingStrategy
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "wide-span";

    private readonly SpanGeometry _geometry;

    /// <summary>Creates the strategy.</summary>
    /// <exception cref="OptionsValidationException">k or the probability is out of range; every failure names the value.</exception>
    public WideSpanMasking(WideSpanMaskingOptions options)
    {
        options = new WideSpanMaskingOptionsValidator().Validated(options);
        _geometry = new SpanGeometry(options.K);
        DefaultProbability = options.Probability;
        Description = MaskingDescription.Format(StrategyName, ("k", options.K), ("p", options.Probability));
    }

    /// <summary>The strategy's catalogue entry: its name, and how to build it for a PMI table (k from the table).</summary>
    public static MaskingStrategyEntry Entry { get; } = new MaskingStrategyEntry<WideSpanMasking, WideSpanMaskingOptions>
    {
        Name = StrategyName,
        Title = "wide span (random centres)",
        Factory = (_, options) => new WideSpanMasking(options),
        Configure = (options, table, _) => options.K = table.K,
    };

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public double DefaultProbability { get; }

    /// <inheritdoc />
    public int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected)
    {
        var threshold = MaskRandom.Threshold32(probability);
        var centres = ArrayPool<int>.Shared.Rent(batch.RowLength);
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
                    _geometry.MarkWideSpan(row, centres[i], end);
                }

                total += row.Count(true);
            }

            return total;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(centres);
        }
    }
}

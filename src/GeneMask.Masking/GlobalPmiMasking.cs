using System.Buffers;
using GeneMask.Infrastructure;
using GeneMask.Pmi;

namespace GeneMask.Masking;

/// <summary>
/// Global PMI masking (CM-GEMS' hard phase): m = the number of Bernoulli(p) successes over a row's maskable positions
/// (p = 0.15 / 11), then the m positions whose tokens have the best NPMI rank (ties broken by position) each mask the
/// widened span b − (k−1) … b + (k−1).
/// </summary>
public sealed class GlobalPmiMasking : PmiGuidedMasking
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "global";

    /// <summary>Creates the strategy.</summary>
    /// <param name="table">The NPMI ranking; its k sets the spans.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every failure names the field and value.</exception>
    public GlobalPmiMasking(PmiTable table, GlobalPmiMaskingOptions? options = null)
        : this(new GlobalPmiMaskingOptionsValidator().Validated(options ?? new GlobalPmiMaskingOptions()), table)
    {
    }

    private GlobalPmiMasking(GlobalPmiMaskingOptions options, PmiTable table)
        : base(table, options.Probability, options.RankLookup, options.UnknownKmerRank)
    {
        Description = MaskingDescription.Format(StrategyName, ("k", Geometry.K), ("p", DefaultProbability), ("rank-lookup", RankLookup), ("unknown-kmer-rank", UnknownKmerRank));
    }

    /// <inheritdoc />
    public override string Name => StrategyName;

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected)
    {
        MaskingValidation.CheckCall(batch, probability, selected);
        var threshold = MaskRandom.Threshold32(probability);
        var top = ArrayPool<long>.Shared.Rent(batch.RowLength);
        try
        {
            var total = 0;
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = selected.Slice(r * batch.RowLength, batch.RowLength);
                row.Clear();
                var end = batch.LastMaskable(r);
                var m = CentreSampler.Count(ref random, 1, end, threshold);
                if (m == 0)
                {
                    continue;
                }

                MaskRow(batch.Row(r), end, m, top, row);

                total += SpanGeometry.CountSelected(row);
            }

            return total;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(top);
        }
    }

    /// <summary>Masks one row given its number of picks m; <paramref name="top"/> is scratch of at least min(m, end) entries.</summary>
    internal void MaskRow(ReadOnlySpan<int> ids, int end, int m, long[] top, Span<bool> row)
    {
        var count = SelectBest(ids, end, m, top);
        for (var j = 0; j < count; j++)
        {
            var b = (int)(top[j] & 0xFFFFFFFF);
            Geometry.MarkWideSpan(row, b, end);
        }
    }

    /// <summary>The m smallest keys (rank, position) of positions 1 … end, ascending, by insertion into a sorted prefix.</summary>
    private int SelectBest(ReadOnlySpan<int> ids, int end, int m, long[] top)
    {
        var count = 0;
        var worstKept = long.MaxValue; // top[m − 1] once the list is full
        for (var pos = 1; pos <= end; pos++)
        {
            var key = ((long)Ranks.Rank(ids, pos) << 32) | (uint)pos;
            if (key >= worstKept)
            {
                continue; // the common case: not among the m best so far
            }

            if (count == m)
            {
                count--; // drop the current worst
            }

            var i = count - 1;
            while (i >= 0 && top[i] > key)
            {
                top[i + 1] = top[i];
                i--;
            }

            top[i + 1] = key;
            count++;
            if (count == m)
            {
                worstKept = top[m - 1];
            }
        }

        return count;
    }
}

using System.Buffers;
using GeneMask.Infrastructure;
using GeneMask.Pmi;

namespace GeneMask.Masking;

/// <summary>
/// GeneMask (ECAI 2023): centres drawn with Bernoulli(p) (0.15 / 8.5) mask their k-token spans as in DNABERT; within
/// each centre's span the position whose token has the best (lowest) NPMI rank is found; the best half of the centres
/// (⌈n/2⌉, by that rank) additionally mask the widened span b − (k−1) … b + (k−1) around their best position b.
/// </summary>
/// <remarks>
/// Ties: within a span the centre wins, then the lower position (upstream's scan order); between centres the one at
/// the lower position wins. Upstream quirks are available through <see cref="GeneMaskMaskingOptions"/>, off by default.
/// </remarks>
public sealed class GeneMaskMasking : PmiGuidedMasking
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "genemask";

    private readonly int _keepAllUpTo;

    /// <summary>Creates the strategy.</summary>
    /// <param name="table">The NPMI ranking; its k sets the spans.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults (the method as published, no upstream quirks).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every failure names the field and value.</exception>
    public GeneMaskMasking(PmiTable table, GeneMaskMaskingOptions? options = null)
        : this(new GeneMaskMaskingOptionsValidator().Validated(options ?? new GeneMaskMaskingOptions()), table)
    {
    }

    private GeneMaskMasking(GeneMaskMaskingOptions options, PmiTable table)
        : base(table, options.Probability, options.RankLookup, options.UnknownKmerRank)
    {
        _keepAllUpTo = options.KeepAllCentresUpTo;
        Description = MaskingDescription.Format(
            StrategyName,
            ("k", Geometry.K),
            ("p", DefaultProbability),
            ("rank-lookup", RankLookup),
            ("unknown-kmer-rank", UnknownKmerRank),
            ("keep-all-centres-up-to", _keepAllUpTo));
    }

    /// <inheritdoc />
    public override string Name => StrategyName;

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>Every centre gets a widened span when a row has at most this many (0 = off; compat switch).</summary>
    public int KeepAllCentresUpTo => _keepAllUpTo;

    /// <inheritdoc />
    public override int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected)
    {
        MaskingValidation.CheckCall(batch, probability, selected);
        var threshold = MaskRandom.Threshold32(probability);
        var ints = ArrayPool<int>.Shared.Rent(2 * batch.RowLength);
        var keys = ArrayPool<long>.Shared.Rent(batch.RowLength);
        try
        {
            var centres = ints.AsSpan(0, batch.RowLength);
            var best = ints.AsSpan(batch.RowLength, batch.RowLength);
            var total = 0;
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = selected.Slice(r * batch.RowLength, batch.RowLength);
                row.Clear();
                var end = batch.LastMaskable(r);
                var n = CentreSampler.Sample(ref random, 1, end, threshold, centres);
                if (n == 0)
                {
                    continue;
                }

                MaskRow(batch.Row(r), end, centres[..n], best, keys, row);
                total += SpanGeometry.CountSelected(row);
            }

            return total;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(ints);
        }
    }

    /// <summary>Masks one row given its centres (ascending); <paramref name="best"/> and <paramref name="keys"/> are scratch of at least n entries.</summary>
    internal void MaskRow(ReadOnlySpan<int> ids, int end, ReadOnlySpan<int> centres, Span<int> best, Span<long> keys, Span<bool> row)
    {
        var n = centres.Length;
        for (var i = 0; i < n; i++)
        {
            var c = centres[i];
            var lo = Math.Max(1, c - Geometry.Left);
            var hi = Math.Min(end, c + Geometry.Right);
            row.Slice(lo, hi - lo + 1).Fill(true);
            var bestPosition = c;
            var bestRank = Ranks.Rank(ids, c);
            for (var q = lo; q <= hi; q++)
            {
                var rank = Ranks.Rank(ids, q);
                if (rank < bestRank)
                {
                    bestRank = rank;
                    bestPosition = q;
                }
            }

            best[i] = bestPosition;
            keys[i] = ((long)bestRank << 32) | (uint)i; // rank, then centre order (= position order)
        }

        var kept = n <= _keepAllUpTo ? n : (n + 1) / 2;
        if (kept < n)
        {
            keys[..n].Sort();
        }

        for (var j = 0; j < kept; j++)
        {
            var b = best[(int)(keys[j] & 0xFFFFFFFF)];
            Geometry.MarkWideSpan(row, b, end);
        }
    }
}

using System.Buffers;
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
public sealed class GeneMaskMasking : IMaskingStrategy
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "genemask";

    private readonly RankSource _ranks;
    private readonly SpanGeometry _geometry;
    private readonly int _keepAllUpTo;

    /// <summary>Creates the strategy.</summary>
    /// <param name="table">The NPMI ranking; its k sets the spans.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults (the method as published, no upstream quirks).</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the field and value.</exception>
    public GeneMaskMasking(PmiTable table, GeneMaskMaskingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new GeneMaskMaskingOptions();
        MaskingValidation.ThrowIfInvalid(MaskingValidation.Check(options, nameof(GeneMaskMaskingOptions)));
        DefaultProbability = options.Probability;
        RankLookup = options.RankLookup;
        UnknownKmerRank = options.UnknownKmerRank;
        _keepAllUpTo = options.KeepAllCentresUpTo;
        _geometry = new SpanGeometry(table.K);
        _ranks = new RankSource(table, options.RankLookup, options.UnknownKmerRank);
        Table = table;
    }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public double DefaultProbability { get; }

    /// <summary>The NPMI ranking used.</summary>
    public PmiTable Table { get; }

    /// <summary>The span geometry (from the table's k).</summary>
    public SpanGeometry Geometry => _geometry;

    /// <summary>How ranks are looked up (compat switch).</summary>
    public RankLookup RankLookup { get; }

    /// <summary>How [UNK] ranks (compat switch).</summary>
    public UnknownKmerRank UnknownKmerRank { get; }

    /// <summary>Every centre gets a widened span when a row has at most this many (0 = off; compat switch).</summary>
    public int KeepAllCentresUpTo => _keepAllUpTo;

    /// <inheritdoc />
    public int SelectPositions(in MaskingBatch batch, double probability, ref MaskRandom random, Span<bool> selected)
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
                total += KmerSpanMasking.CountSelected(row);
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
            var lo = Math.Max(1, c - _geometry.Left);
            var hi = Math.Min(end, c + _geometry.Right);
            row.Slice(lo, hi - lo + 1).Fill(true);
            var bestPosition = c;
            var bestRank = _ranks.Rank(ids, c);
            for (var q = lo; q <= hi; q++)
            {
                var rank = _ranks.Rank(ids, q);
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
            KmerSpanMasking.Mark(row, b - _geometry.WideRadius, b + _geometry.WideRadius, end);
        }
    }
}


/// <summary>
/// Global PMI masking (CM-GEMS' hard phase): m = the number of Bernoulli(p) successes over a row's maskable positions
/// (p = 0.15 / 11), then the m positions whose tokens have the best NPMI rank (ties broken by position) each mask the
/// widened span b − (k−1) … b + (k−1).
/// </summary>
public sealed class GlobalPmiMasking : IMaskingStrategy
{
    /// <summary>The strategy's name.</summary>
    public const string StrategyName = "global-pmi";

    private readonly RankSource _ranks;
    private readonly SpanGeometry _geometry;

    /// <summary>Creates the strategy.</summary>
    /// <param name="table">The NPMI ranking; its k sets the spans.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the field and value.</exception>
    public GlobalPmiMasking(PmiTable table, GlobalPmiMaskingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new GlobalPmiMaskingOptions();
        MaskingValidation.ThrowIfInvalid(MaskingValidation.Check(options, nameof(GlobalPmiMaskingOptions)));
        DefaultProbability = options.Probability;
        RankLookup = options.RankLookup;
        UnknownKmerRank = options.UnknownKmerRank;
        _geometry = new SpanGeometry(table.K);
        _ranks = new RankSource(table, options.RankLookup, options.UnknownKmerRank);
        Table = table;
    }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public double DefaultProbability { get; }

    /// <summary>The NPMI ranking used.</summary>
    public PmiTable Table { get; }

    /// <summary>The span geometry (from the table's k).</summary>
    public SpanGeometry Geometry => _geometry;

    /// <summary>How ranks are looked up (compat switch).</summary>
    public RankLookup RankLookup { get; }

    /// <summary>How [UNK] ranks (compat switch).</summary>
    public UnknownKmerRank UnknownKmerRank { get; }

    /// <inheritdoc />
    public int SelectPositions(in MaskingBatch batch, double probability, ref MaskRandom random, Span<bool> selected)
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

                total += KmerSpanMasking.CountSelected(row);
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
            KmerSpanMasking.Mark(row, b - _geometry.WideRadius, b + _geometry.WideRadius, end);
        }
    }

    /// <summary>The m smallest keys (rank, position) of positions 1 … end, ascending, by insertion into a sorted prefix.</summary>
    private int SelectBest(ReadOnlySpan<int> ids, int end, int m, long[] top)
    {
        var count = 0;
        var worstKept = long.MaxValue; // top[m − 1] once the list is full
        for (var pos = 1; pos <= end; pos++)
        {
            var key = ((long)_ranks.Rank(ids, pos) << 32) | (uint)pos;
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

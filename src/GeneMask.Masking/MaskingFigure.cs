using System.Globalization;
using System.Text;
using GeneMask.Infrastructure;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>
/// Draws which tokens each masking strategy of the catalogue selects on the same DNA row (an SVG): random token, DNABERT
/// k-mer span, GeneMask, Global PMI (and any registered strategy), then Global with the upstream rank-by-position defect
/// for contrast. Every strategy gets the same seed, so the figure is reproducible.
/// </summary>
public static class MaskingFigure
{
    /// <summary>Masks <paramref name="bases"/> (A/C/G/T, at most 510) with every strategy at its default probability.</summary>
    /// <exception cref="ArgumentException">The sequence is too short or too long for one model row.</exception>
    public static IReadOnlyList<MaskingFigureRow> Compute(string bases, PmiTable table, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(table);
        var tokenizer = KmerTokenizer.Create(table.K);
        var kmers = tokenizer.CountKmers(bases.Length);
        if (kmers < 10 || kmers > tokenizer.MaxKmers)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The sequence gives {kmers} {table.K}-mers; the figure needs 10 … {tokenizer.MaxKmers}."), nameof(bases));
        }

        var ids = new int[kmers + 2];
        ids[0] = SpecialTokens.Cls;
        tokenizer.EncodeKmers(bases.AsSpan(), ids.AsSpan(1, kmers));
        ids[^1] = SpecialTokens.Sep;
        int[] lengths = [ids.Length];
        var byPosition = UpstreamCompatibility.None with { RankLookup = RankLookup.ByPosition };
        var global = MaskingCatalog.GetStrategy(GlobalPmiMasking.StrategyName);
        var strategies = MaskingCatalog.Strategies.Select(e => (Entry: e, Compatibility: UpstreamCompatibility.None))
            .Append((Entry: global, Compatibility: byPosition));
        var rows = new List<MaskingFigureRow>();
        foreach (var (entry, compatibility) in strategies)
        {
            var strategy = entry.Create(table, compatibility);
            var label = compatibility == byPosition
                ? $"{entry.Title}, upstream rank by position"
                : string.Create(CultureInfo.InvariantCulture, $"{entry.Title}, p = {strategy.DefaultProbability:G3}");
            var selected = new bool[ids.Length];
            var random = new SeededRandom(seed);
            strategy.SelectPositions(new MaskingBatch(ids, lengths, 1, ids.Length), strategy.DefaultProbability, ref random, selected);
            rows.Add(new MaskingFigureRow(entry.Name, compatibility, label, selected));
        }

        return rows;
    }

    /// <summary>Renders the rows as an SVG: one strip per strategy, one cell per token, selected cells filled.</summary>
    public static string ToSvg(IReadOnlyList<MaskingFigureRow> rows, string title)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const int cell = 4, labelWidth = 300, rowHeight = 34, top = 40;
        var positions = rows.Count == 0 ? 0 : rows[0].Selected.Count;
        var width = labelWidth + (positions * cell) + 20;
        var height = top + (rows.Count * rowHeight) + 30;
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">\n");
        svg.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(inv, $"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>\n");
        for (var r = 0; r < rows.Count; r++)
        {
            var y = top + (r * rowHeight);
            svg.Append(inv, $"<text x=\"10\" y=\"{y + 15}\">{Escape(rows[r].Label)} ({rows[r].Count} tokens)</text>\n");
            svg.Append(inv, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{positions * cell}\" height=\"16\" fill=\"#eeeeee\"/>\n");
            var selected = rows[r].Selected;
            for (var p = 0; p < selected.Count; p++)
            {
                if (selected[p])
                {
                    svg.Append(inv, $"<rect x=\"{labelWidth + (p * cell)}\" y=\"{y + 3}\" width=\"{cell}\" height=\"16\" fill=\"#c0392b\"/>\n");
                }
            }
        }

        svg.Append(inv, $"<text x=\"{labelWidth}\" y=\"{height - 8}\" fill=\"#555555\">token position 0 ([CLS]) … {positions - 1} ([SEP]); red = the model must predict it</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

namespace GeneMask.Pmi;

/// <summary>
/// The PMI formulas on natural-log probabilities <c>lp[n][code] = ln p(s)</c> of every n-gram s (−∞ when unseen).
/// A k-mer is its 2-bit code; bases are numbered 0…k−1 from the most significant digit.
/// </summary>
internal static class PmiMath
{
    /// <summary>ln p for every n-gram: <c>ln f − ln(windowFactor · windows(n))</c>; −∞ for f = 0.</summary>
    public static double[][] LogProbabilities(NgramCounts counts, int k, double windowFactor)
    {
        var lp = new double[k + 1][];
        lp[0] = [];
        for (var n = 1; n <= k; n++)
        {
            var source = counts.CountsOfLength(n);
            var windows = counts.Windows(n);
            var logWindows = Math.Log(windowFactor * windows);
            var target = new double[source.Length];
            for (var code = 0; code < source.Length; code++)
            {
                target[code] = source[code] > 0 ? Math.Log(source[code]) - logWindows : double.NegativeInfinity;
            }

            lp[n] = target;
        }

        return lp;
    }

    /// <summary>The code of bases <paramref name="from"/>…<paramref name="to"/> − 1 of a k-mer.</summary>
    public static int Part(int code, int k, int from, int to) =>
        (code >> (2 * (k - to))) & ((1 << (2 * (to - from))) - 1);

    /// <summary>Naive PMI: <c>ln p(w) − Σ ln p(w_i)</c> over the single bases.</summary>
    public static double Naive(double[][] lp, int code, int k)
    {
        var sum = 0.0;
        for (var i = 0; i < k; i++)
        {
            sum += lp[1][Part(code, k, i, i + 1)];
        }

        return lp[k][code] - sum;
    }

    /// <summary>
    /// PMI_k: the minimum over all segmentations into ≥ 2 contiguous parts of <c>ln p(w) − Σ ln p(part)</c>, by a
    /// dynamic program over prefixes: best[j] = the largest Σ ln p over segmentations of the first j bases.
    /// </summary>
    public static double AllSegmentations(double[][] lp, int code, int k, Span<double> best)
    {
        best[0] = 0;
        for (var j = 1; j < k; j++)
        {
            var max = double.NegativeInfinity;
            for (var i = 0; i < j; i++)
            {
                max = Math.Max(max, best[i] + lp[j - i][Part(code, k, i, j)]);
            }

            best[j] = max;
        }

        // The last part may not be the whole k-mer (the identity is not a segmentation).
        var total = double.NegativeInfinity;
        for (var i = 1; i < k; i++)
        {
            total = Math.Max(total, best[i] + lp[k - i][Part(code, k, i, k)]);
        }

        return lp[k][code] - total;
    }

    /// <summary>
    /// The published <c>dp.true.pmi</c>: the minimum over segmentations whose parts are all 1- or 2-mers (≥ 2 parts).
    /// </summary>
    public static double OneTwoSegmentations(double[][] lp, int code, int k, Span<double> best)
    {
        best[0] = 0;
        for (var j = 1; j < k; j++)
        {
            var max = best[j - 1] + lp[1][Part(code, k, j - 1, j)];
            if (j >= 2)
            {
                max = Math.Max(max, best[j - 2] + lp[2][Part(code, k, j - 2, j)]);
            }

            best[j] = max;
        }

        var total = best[k - 1] + lp[1][Part(code, k, k - 1, k)];
        if (k >= 3)
        {
            total = Math.Max(total, best[k - 2] + lp[2][Part(code, k, k - 2, k)]);
        }

        return lp[k][code] - total;
    }

    /// <summary>
    /// The published <c>true.pmi</c>: the minimum over the two-part splits with cut points 1…k−2 (the k−1 | 1 split
    /// is skipped, as upstream). NaN for k = 2 (no such cut).
    /// </summary>
    public static double TwoPartCuts(double[][] lp, int code, int k)
    {
        var min = double.NaN;
        for (var cut = 1; cut <= k - 2; cut++)
        {
            var value = lp[k][code] - lp[cut][Part(code, k, 0, cut)] - lp[k - cut][Part(code, k, cut, k)];
            min = double.IsNaN(min) ? value : Math.Min(min, value);
        }

        return min;
    }

    /// <summary>
    /// <c>NPMI = PMI · ln f / (ln c + ln f)</c>; for f = c = 1 (0/0) the factor is taken as its limit 1.
    /// </summary>
    public static double Normalise(double pmi, long count, int minCount)
    {
        var lnF = Math.Log(count);
        var denominator = Math.Log(minCount) + lnF;
        return denominator == 0 ? pmi : pmi * lnF / denominator;
    }
}

namespace GeneMask.Evaluation.Statistics;

/// <summary>
/// Holm's step-down correction (Holm 1979) for a family of tests: rejecting every hypothesis whose adjusted p-value is
/// at most α keeps the chance of any false claim in the family at most α, under any dependence between the tests.
/// </summary>
public static class Holm
{
    /// <summary>
    /// The adjusted p-values, in the input's order: with the m p-values sorted ascending, p̃₍ᵢ₎ = max over j ≤ i of
    /// min(1, (m − j + 1)·p₍ⱼ₎). Monotone in the sorted order and at most 1, as R's <c>p.adjust(p, "holm")</c>.
    /// </summary>
    /// <remarks>A NaN p-value (a test that could not be computed) stays NaN and is not counted in m, as in R.</remarks>
    /// <exception cref="ArgumentException">A p-value outside [0, 1].</exception>
    public static double[] AdjustedPValues(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var order = new List<int>(pValues.Count);
        for (var i = 0; i < pValues.Count; i++)
        {
            var p = pValues[i];
            if (double.IsNaN(p))
            {
                continue;
            }

            if (p is < 0 or > 1)
            {
                throw new ArgumentException($"p-value {i} is {p}; p-values lie in [0, 1].", nameof(pValues));
            }

            order.Add(i);
        }

        // Stable: equal p-values keep their input order.
        order.Sort((x, y) => pValues[x] != pValues[y] ? pValues[x].CompareTo(pValues[y]) : x.CompareTo(y));
        var adjusted = new double[pValues.Count];
        Array.Fill(adjusted, double.NaN);
        var m = order.Count;
        double running = 0;
        for (var j = 0; j < m; j++)
        {
            running = Math.Max(running, Math.Min(1, (m - j) * pValues[order[j]]));
            adjusted[order[j]] = running;
        }

        return adjusted;
    }
}

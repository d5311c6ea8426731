namespace GeneMask.Evaluation.Statistics;

/// <summary>
/// Paired differences a − b grouped by replicate, flattened into one array: replicate r's units are
/// <c>Values[Offsets[r] .. Offsets[r + 1]]</c>.
/// </summary>
internal sealed class ReplicatedDifferences
{
    private ReplicatedDifferences(double[] values, int[] offsets)
    {
        Values = values;
        Offsets = offsets;
    }

    public double[] Values { get; }

    public int[] Offsets { get; }

    public int Replicates => Offsets.Length - 1;

    /// <summary>Validates and flattens: at least 2 replicates, each with at least one unit, the same shape in a and b, finite values.</summary>
    public static ReplicatedDifferences Create(IReadOnlyList<IReadOnlyList<double>> a, IReadOnlyList<IReadOnlyList<double>> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Both arms need the same replicates ({a.Count} vs {b.Count}).", nameof(b));
        }

        if (a.Count < 2)
        {
            throw new ArgumentException($"Replicated intervals need at least 2 replicates, got {a.Count}: with one replicate the variance between replicates cannot be estimated.", nameof(a));
        }

        var offsets = new int[a.Count + 1];
        for (var r = 0; r < a.Count; r++)
        {
            var units = (a[r] ?? throw new ArgumentException($"Replicate {r} is null.", nameof(a))).Count;
            if (units != (b[r] ?? throw new ArgumentException($"Replicate {r} is null.", nameof(b))).Count)
            {
                throw new ArgumentException($"Replicate {r}: paired units must have equal lengths ({units} vs {b[r].Count}).", nameof(b));
            }

            if (units == 0)
            {
                throw new ArgumentException($"Replicate {r} has no units.", nameof(a));
            }

            offsets[r + 1] = offsets[r] + units;
        }

        var values = new double[offsets[^1]];
        for (var r = 0; r < a.Count; r++)
        {
            for (var u = 0; u < a[r].Count; u++)
            {
                var (x, y) = (a[r][u], b[r][u]);
                values[offsets[r] + u] = double.IsFinite(x) && double.IsFinite(y)
                    ? x - y
                    : throw new ArgumentException($"Replicate {r}, unit {u} is not finite ({x}, {y}).", nameof(a));
            }
        }

        return new ReplicatedDifferences(values, offsets);
    }

    /// <summary>The mean difference of each replicate.</summary>
    public double[] Means()
    {
        var means = new double[Replicates];
        for (var r = 0; r < means.Length; r++)
        {
            means[r] = Descriptive.Mean(new ArraySegment<double>(Values, Offsets[r], Offsets[r + 1] - Offsets[r]));
        }

        return means;
    }
}

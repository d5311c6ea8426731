namespace GeneMask.Evaluation.Statistics;

/// <summary>Mean and standard deviation as the reports use them.</summary>
public static class Descriptive
{
    /// <summary>Arithmetic mean.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Mean(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The mean of no values is undefined.", nameof(values));
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    /// <summary>Sample standard deviation (n − 1 in the denominator, like R's <c>sd</c> and pandas' <c>std</c>); 0 for one value.</summary>
    public static double SampleStandardDeviation(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return values.Count == 1 ? 0 : throw new ArgumentException("The deviation of no values is undefined.", nameof(values));
        }

        var mean = Mean(values);
        double sum = 0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Count - 1));
    }
}

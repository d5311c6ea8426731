using System.Text.Json.Serialization;

namespace GeneMask.Evaluation.Metrics;

/// <summary>Counts of (true class, predicted class) pairs; rows are true classes, columns predicted classes.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>Creates a matrix from row-major counts (<paramref name="classCount"/>² entries, rows = true class).</summary>
    [JsonConstructor]
    public ConfusionMatrix(int classCount, long[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (counts.Length != classCount * classCount)
        {
            throw new ArgumentException($"Expected {classCount * classCount} counts for {classCount} classes, got {counts.Length}.", nameof(counts));
        }

        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException("Counts must not be negative.", nameof(counts));
        }

        ClassCount = classCount;
        _counts = (long[])counts.Clone();
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Row-major counts, rows = true class, columns = predicted class (a copy).</summary>
    public long[] Counts => (long[])_counts.Clone();

    /// <summary>Number of examples.</summary>
    [JsonIgnore]
    public long Total => _counts.Sum();

    /// <summary>Examples of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[(actual * ClassCount) + predicted];

    /// <summary>Counts the pairs of <paramref name="actual"/> and <paramref name="predicted"/> labels.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or a label is outside 0 … classCount − 1 (its index is named).</exception>
    public static ConfusionMatrix From(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"{actual.Length} true labels but {predicted.Length} predictions.", nameof(predicted));
        }

        var counts = new long[classCount * classCount];
        for (var i = 0; i < actual.Length; i++)
        {
            var a = actual[i];
            var p = predicted[i];
            if ((uint)a >= (uint)classCount)
            {
                throw new ArgumentException($"True label {a} at index {i} is outside 0 … {classCount - 1}.", nameof(actual));
            }

            if ((uint)p >= (uint)classCount)
            {
                throw new ArgumentException($"Predicted label {p} at index {i} is outside 0 … {classCount - 1}.", nameof(predicted));
            }

            counts[(a * classCount) + p]++;
        }

        return new ConfusionMatrix(classCount, counts);
    }

    /// <summary>Examples whose true class is <paramref name="c"/> (row sum).</summary>
    public long ActualCount(int c)
    {
        long sum = 0;
        for (var p = 0; p < ClassCount; p++)
        {
            sum += this[c, p];
        }

        return sum;
    }

    /// <summary>Examples predicted as <paramref name="c"/> (column sum).</summary>
    public long PredictedCount(int c)
    {
        long sum = 0;
        for (var a = 0; a < ClassCount; a++)
        {
            sum += this[a, c];
        }

        return sum;
    }
}

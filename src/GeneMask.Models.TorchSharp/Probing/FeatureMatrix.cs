namespace GeneMask.Models.TorchSharp.Probing;

/// <summary>Features of a frozen encoder: a row-major matrix, one row per sequence.</summary>
/// <param name="Values">Row-major values, <see cref="Count"/> × <see cref="Dimension"/>.</param>
/// <param name="Count">Number of sequences.</param>
/// <param name="Dimension">Features per sequence.</param>
public sealed record FeatureMatrix(float[] Values, int Count, int Dimension)
{
    /// <summary>The features of one sequence.</summary>
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Dimension, Dimension);
}

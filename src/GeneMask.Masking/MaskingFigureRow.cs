namespace GeneMask.Masking;

/// <summary>One row of the masking figure: a strategy and the positions it selected.</summary>
/// <param name="Strategy">The strategy's catalogue name.</param>
/// <param name="Compatibility">The upstream behaviours it ran with (<see cref="UpstreamCompatibility.None"/> but for the contrast row).</param>
/// <param name="Label">What the row shows.</param>
/// <param name="Selected">One flag per row position ([CLS] … [SEP]); true = the model must predict it.</param>
public sealed record MaskingFigureRow(string Strategy, UpstreamCompatibility Compatibility, string Label, IReadOnlyList<bool> Selected)
{
    /// <summary>Number of selected positions.</summary>
    public int Count => Selected.Count(s => s);
}

namespace GeneMask.Reproduction.Reports;

/// <summary>Image size of a plot in pixels.</summary>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record PlotSize(int Width = 1000, int Height = 560);

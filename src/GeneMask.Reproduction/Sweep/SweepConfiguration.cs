using System.Globalization;
using GeneMask.Models.TorchSharp;

namespace GeneMask.Reproduction.Sweep;

/// <summary>One pretraining configuration of a <see cref="PretrainingSweep"/>: k-mer-span masks on full-length rows.</summary>
/// <param name="Name">A short name (file names, tables).</param>
/// <param name="Model">The architecture.</param>
/// <param name="RowBases">Bases per corpus row (every row full length).</param>
/// <param name="BatchRows">Rows per optimizer step.</param>
/// <param name="LearningRate">Peak learning rate (linear warm-up, then linear decay to 0 at <paramref name="Steps"/>).</param>
/// <param name="WarmupFraction">Share of the steps spent warming up.</param>
/// <param name="Steps">Optimizer steps.</param>
public sealed record SweepConfiguration(string Name, BertConfig Model, int RowBases, int BatchRows, double LearningRate, double WarmupFraction, long Steps)
{
    /// <summary>The configuration as one line (what its stored curve was produced with).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: {Model.LayerCount} × {Model.HiddenSize} ({Model.HeadCount} heads, intermediate {Model.IntermediateSize}, {Model.MaxPositions} positions), rows of {RowBases} bases, {BatchRows} rows a step, lr {LearningRate:R}, warm-up {WarmupFraction:R}, {Steps} steps");
}

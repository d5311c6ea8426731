using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>
/// Projection, dropout, residual and LayerNorm: after attention (<c>layer.N.attention.output</c>, from the hidden size)
/// and after the feed-forward expansion (<c>layer.N.output</c>, from the intermediate size).
/// </summary>
internal sealed class BertOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly double _dropout;
    private readonly string _projectionPart;
    private readonly string _normPart;

    /// <param name="inputSize">Features in.</param>
    /// <param name="config">The model.</param>
    /// <param name="projectionPart">The projection's name for <see cref="StepParts"/>.</param>
    /// <param name="normPart">The residual sum and LayerNorm's name for <see cref="StepParts"/>.</param>
    public BertOutput(int inputSize, BertConfig config, string projectionPart, string normPart)
        : base(nameof(BertOutput))
    {
        dense = nn.Linear(inputSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEpsilon);
        _dropout = config.HiddenDropout;
        _projectionPart = projectionPart;
        _normPart = normPart;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor residual)
    {
        using var scope = NewDisposeScope();
        var projected = StepParts.End(_projectionPart, Autocast.Linear(dense, input));
        return StepParts.End(_normPart, Autocast.Norm(LayerNorm, DropoutRandom.Apply(projected, _dropout, training).Plus(residual))).MoveToOuterDisposeScope();
    }
}

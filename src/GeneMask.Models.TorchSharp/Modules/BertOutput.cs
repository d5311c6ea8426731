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

    public BertOutput(int inputSize, BertConfig config)
        : base(nameof(BertOutput))
    {
        dense = nn.Linear(inputSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEpsilon);
        _dropout = config.HiddenDropout;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return Autocast.Norm(LayerNorm, DropoutRandom.Apply(Autocast.Linear(dense, input), _dropout, training) + residual).MoveToOuterDisposeScope();
    }
}

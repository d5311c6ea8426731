using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Feed-forward expansion with exact (erf) GELU (<c>layer.N.intermediate</c>).</summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertIntermediate(BertConfig config)
        : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return nn.functional.gelu(Autocast.Linear(dense, hidden)).MoveToOuterDisposeScope();
    }
}

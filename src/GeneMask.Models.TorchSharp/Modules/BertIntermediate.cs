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
        var expanded = StepParts.End("FFN up projection", Autocast.Linear(dense, hidden));
        return StepParts.End("GELU", nn.functional.gelu(expanded)).MoveToOuterDisposeScope();
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Dense + tanh on the [CLS] state (<c>bert.pooler</c>).</summary>
internal sealed class BertPooler : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertPooler(BertConfig config)
        : base(nameof(BertPooler))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor sequence)
    {
        using var scope = NewDisposeScope();
        return StepParts.End("pooler", Autocast.Linear(dense, sequence.select(1, 0)).tanh()).MoveToOuterDisposeScope();
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>The stack of layers (<c>bert.encoder</c>).</summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config)
        : base(nameof(BertEncoder))
    {
        layer = new ModuleList<BertLayer>(Enumerable.Range(0, config.LayerCount).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? keyBias)
    {
        using var scope = NewDisposeScope();
        var x = hidden;
        foreach (var l in layer)
        {
            x = l.call(x, keyBias);
        }

        return x.MoveToOuterDisposeScope();
    }
}

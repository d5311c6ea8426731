using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Self-attention plus its output block (<c>layer.N.attention</c>).</summary>
internal sealed class BertAttention : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly BertSelfAttention self;
    private readonly BertOutput output;

    public BertAttention(BertConfig config)
        : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config);
        output = new BertOutput(config.HiddenSize, config, "attention output projection", "attention residual + LayerNorm");
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? keyBias)
    {
        using var scope = NewDisposeScope();
        return output.call(self.call(hidden, keyBias), hidden).MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>One post-LN transformer layer as in BERT (<c>encoder.layer.N</c>).</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertOutput output;

    public BertLayer(BertConfig config)
        : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertOutput(config.IntermediateSize, config, "FFN down projection", "FFN residual + LayerNorm");
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? keyBias)
    {
        using var scope = NewDisposeScope();
        var attended = attention.call(hidden, keyBias);
        return output.call(intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }
}

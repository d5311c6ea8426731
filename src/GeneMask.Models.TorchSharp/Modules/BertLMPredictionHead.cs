using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Transform, tied decoder and output bias (<c>cls.predictions</c>).</summary>
internal sealed class BertLMPredictionHead : nn.Module<Tensor, Tensor>
{
    private readonly BertPredictionHeadTransform transform;
    private readonly TiedDecoder decoder;
    private readonly Parameter bias;

    public BertLMPredictionHead(BertConfig config, Parameter wordEmbeddings)
        : base(nameof(BertLMPredictionHead))
    {
        transform = new BertPredictionHeadTransform(config);
        decoder = new TiedDecoder(wordEmbeddings);
        bias = nn.Parameter(zeros(config.VocabularySize));
        RegisterComponents();
    }

    /// <param name="hidden">[..., hidden].</param>
    /// <returns>Vocabulary logits [..., vocab].</returns>
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return StepParts.End("MLM decoder", decoder.call(transform.call(hidden)).Plus(bias)).MoveToOuterDisposeScope();
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>The pretraining heads container (<c>cls</c>); only the masked-LM head, as in <c>BertForMaskedLM</c>.</summary>
internal sealed class BertOnlyMLMHead : nn.Module<Tensor, Tensor>
{
    private readonly BertLMPredictionHead predictions;

    public BertOnlyMLMHead(BertConfig config, Parameter wordEmbeddings)
        : base(nameof(BertOnlyMLMHead))
    {
        predictions = new BertLMPredictionHead(config, wordEmbeddings);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => predictions.call(hidden);
}

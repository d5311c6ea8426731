using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Dense + GELU + LayerNorm before the decoder (<c>cls.predictions.transform</c>).</summary>
internal sealed class BertPredictionHeadTransform : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;

    public BertPredictionHeadTransform(BertConfig config)
        : base(nameof(BertPredictionHeadTransform))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEpsilon);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return Autocast.Norm(LayerNorm, nn.functional.gelu(Autocast.Linear(dense, hidden))).MoveToOuterDisposeScope();
    }
}

/// <summary>A bias-free linear map whose weight is another module's parameter (the tied word embeddings).</summary>
internal sealed class TiedDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public TiedDecoder(Parameter tiedWeight)
        : base(nameof(TiedDecoder))
    {
        weight = tiedWeight;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor hidden) => Autocast.Linear(hidden, weight);
}

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
        return decoder.call(transform.call(hidden)).Plus(bias).MoveToOuterDisposeScope();
    }
}

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

using GeneMask.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

// Field names are Hugging Face BERT's state-dict keys (word_embeddings, LayerNorm, ...), so checkpoints load as they are.
#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Word + position + token-type embeddings, LayerNorm, dropout (<c>bert.embeddings</c>).</summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly double _dropout;

    public BertEmbeddings(BertConfig config)
        : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabularySize, config.HiddenSize, padding_idx: SpecialTokens.Pad);
        position_embeddings = nn.Embedding(config.MaxPositions, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabularySize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEpsilon);
        _dropout = config.HiddenDropout;
        RegisterComponents();
    }

    /// <summary>The word embedding matrix, shared with the masked-LM decoder.</summary>
    public Parameter WordEmbeddingWeight => word_embeddings.weight!;

    /// <param name="inputIds">Token ids, [batch, length], int64.</param>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        using var first = 0L.ToScalar();
        using var length = inputIds.shape[1].ToScalar();
        var positions = arange(first, length, TorchScalars.One, ScalarType.Int64, inputIds.device).unsqueeze(0);
        var types = zeros_like(positions);

        // Token type 0 everywhere (single-segment inputs); its embedding is still added as in BERT.
        var sum = StepParts.End("embeddings", word_embeddings.call(inputIds).Plus(position_embeddings.call(positions)).Plus(token_type_embeddings.call(types)));
        return StepParts.End("embeddings LayerNorm", DropoutRandom.Apply(LayerNorm.call(sum), _dropout, training)).MoveToOuterDisposeScope();
    }
}

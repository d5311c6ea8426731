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

/// <summary>
/// Projection, dropout, residual and LayerNorm: after attention (<c>layer.N.attention.output</c>, from the hidden size)
/// and after the feed-forward expansion (<c>layer.N.output</c>, from the intermediate size).
/// </summary>
internal sealed class BertOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly double _dropout;

    public BertOutput(int inputSize, BertConfig config)
        : base(nameof(BertOutput))
    {
        dense = nn.Linear(inputSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEpsilon);
        _dropout = config.HiddenDropout;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return Autocast.Norm(LayerNorm, DropoutRandom.Apply(Autocast.Linear(dense, input), _dropout, training).Plus(residual)).MoveToOuterDisposeScope();
    }
}

/// <summary>One post-LN transformer layer as in BERT (<c>encoder.layer.N</c>).</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertOutput output;

    public BertLayer(BertConfig config)
        : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertOutput(config.IntermediateSize, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        var attended = attention.call(hidden, keyMask);
        return output.call(intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }
}

/// <summary>The stack of layers (<c>bert.encoder</c>).</summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config)
        : base(nameof(BertEncoder))
    {
        layer = new ModuleList<BertLayer>(Enumerable.Range(0, config.LayerCount).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        var x = hidden;
        foreach (var l in layer)
        {
            x = l.call(x, keyMask);
        }

        return x.MoveToOuterDisposeScope();
    }
}

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
        return Autocast.Linear(dense, sequence.select(1, 0)).tanh().MoveToOuterDisposeScope();
    }
}

/// <summary>Embeddings, encoder and optionally the pooler (<c>bert</c>).</summary>
internal sealed class BertModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler? pooler;

    public BertModel(BertConfig config, bool withPooler)
        : base(nameof(BertModel))
    {
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = withPooler ? new BertPooler(config) : null;
        RegisterComponents();
    }

    public BertEmbeddings Embeddings => embeddings;

    /// <summary>Pools the [CLS] state of a sequence output; only for models built with a pooler.</summary>
    public Tensor Pool(Tensor sequence) =>
        (pooler ?? throw new InvalidOperationException("This encoder was built without a pooler.")).call(sequence);

    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length], nonzero where the token is real (not padding).</param>
    /// <returns>The sequence output, [batch, length, hidden].</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var keyMask = attentionMask.to_type(ScalarType.Bool).view(attentionMask.shape[0], 1, 1, attentionMask.shape[1]);
        var hidden = embeddings.call(inputIds);
        return encoder.call(hidden, keyMask).MoveToOuterDisposeScope();
    }
}

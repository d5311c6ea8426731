using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

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
        var hidden = embeddings.call(inputIds);
        return encoder.call(hidden, KeyBias(attentionMask, Autocast.Current ?? hidden.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The additive key mask of attention, [batch, 1, 1, length] in <paramref name="dtype"/>: 0 for real tokens, −∞ for
    /// padding; null when no row is padded (as in pretraining on full-length rows), which spares attention a pass.
    /// </summary>
    private static Tensor? KeyBias(Tensor attentionMask, ScalarType dtype)
    {
        using var zero = 0.ToScalar();
        using var padding = attentionMask.eq(zero);
        using var any = padding.any();
        if (!any.item<bool>())
        {
            return null;
        }

        using var shaped = padding.view(attentionMask.shape[0], 1, 1, attentionMask.shape[1]);
        using var masked = double.NegativeInfinity.ToScalar();
        return zeros(shaped.shape, dtype, attentionMask.device).masked_fill_(shaped, masked);
    }
}

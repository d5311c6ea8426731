using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>
/// Multi-head self-attention with a key padding mask (<c>attention.self</c>): <c>scaled_dot_product_attention</c> in
/// float32 and on GPUs; on the CPU in bf16/fp16 the explicit product, softmax and product instead, with the softmax in
/// float32 (LibTorch's CPU fused kernel is several times slower in bf16 than in float32, its backward most), and also
/// when attention dropout must draw from the training loop's own generator (<see cref="DropoutRandom"/>).
/// </summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly int _heads;
    private readonly int _headSize;
    private readonly double _attentionDropout;

    public BertSelfAttention(BertConfig config)
        : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.HeadCount;
        _headSize = config.HeadSize;
        _attentionDropout = config.AttentionDropout;
        RegisterComponents();
    }

    /// <param name="hidden">[batch, length, hidden].</param>
    /// <param name="keyMask">Boolean [batch, 1, 1, length]: true where a key may be attended (not padding).</param>
    public override Tensor forward(Tensor hidden, Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        var batch = hidden.shape[0];
        var length = hidden.shape[1];
        var q = SplitHeads(StepParts.End("Q/K/V projections", Autocast.Linear(query, hidden)), batch, length);
        var k = SplitHeads(StepParts.End("Q/K/V projections", Autocast.Linear(key, hidden)), batch, length);
        var v = SplitHeads(StepParts.End("Q/K/V projections", Autocast.Linear(value, hidden)), batch, length);
        var dropout = training ? _attentionDropout : 0.0;
        var fused = q.device_type != global::TorchSharp.DeviceType.CPU || (q.dtype == ScalarType.Float32 && (dropout == 0 || !DropoutRandom.IsSeeded));
        var context = fused
            ? nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: keyMask, p: dropout)
            : ExplicitAttention(q, k, v, keyMask, dropout, _headSize);
        return StepParts.End("attention core", context.transpose(1, 2).reshape(batch, length, _heads * _headSize)).MoveToOuterDisposeScope();
    }

    /// <summary>softmax(q kᵀ / √d, masked) v with the scores and softmax in float32 and dropout on the probabilities.</summary>
    internal static Tensor ExplicitAttention(Tensor q, Tensor k, Tensor v, Tensor keyMask, double dropout, int headSize)
    {
        var scores = q.matmul(k.transpose(-1, -2)).to_type(ScalarType.Float32).mul_(1.0 / Math.Sqrt(headSize));
        var probabilities = scores.masked_fill(keyMask.logical_not(), double.NegativeInfinity).softmax(-1);
        if (dropout > 0)
        {
            probabilities = DropoutRandom.Apply(probabilities, dropout, training: true);
        }

        return probabilities.to_type(v.dtype).matmul(v);
    }

    private Tensor SplitHeads(Tensor x, long batch, long length) =>
        x.view(batch, length, _heads, _headSize).transpose(1, 2);
}

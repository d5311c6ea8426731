using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>
/// Multi-head self-attention with an additive key padding mask (<c>attention.self</c>). Q, K and V come from one matrix
/// product: the three weight matrices (kept apart, under Hugging Face's names) are concatenated for it. Then
/// <c>scaled_dot_product_attention</c> in float32 and on GPUs; on the CPU in bf16/fp16 the explicit product, softmax and
/// product instead (LibTorch's CPU fused kernel is several times slower in bf16 than in float32, its backward most),
/// and also when attention dropout must draw from the training loop's own generator (<see cref="DropoutRandom"/>).
/// </summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor?, Tensor>
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
    /// <param name="keyBias">
    /// [batch, 1, 1, length] in the compute dtype: 0 where a key may be attended, −∞ at padding; null when no row is padded.
    /// </param>
    public override Tensor forward(Tensor hidden, Tensor? keyBias)
    {
        using var scope = NewDisposeScope();
        var batch = hidden.shape[0];
        var length = hidden.shape[1];
        var dropout = training ? _attentionDropout : 0.0;
        var compute = Autocast.Current ?? query.weight!.dtype;
        var fused = hidden.device_type != global::TorchSharp.DeviceType.CPU || (compute == ScalarType.Float32 && (dropout == 0 || !DropoutRandom.IsSeeded));

        // The explicit path takes 1/√d into Q's weights, so that the product yields scaled scores with one rounding.
        var scale = 1.0 / Math.Sqrt(_headSize);
        using var weight = cat([fused ? query.weight! : query.weight!.Times(scale), key.weight!, value.weight!]);
        using var bias = cat([fused ? query.bias! : query.bias!.Times(scale), key.bias!, value.bias!]);

        // One copy into [3, batch, heads, length, head size]: the products then read contiguous heads, and backward
        // gathers the three gradients into one tensor instead of three zero-filled ones.
        var qkv = StepParts.End("Q/K/V projections", Autocast.Linear(hidden, weight, bias))
            .view(batch, length, 3, _heads, _headSize)
            .permute(2, 0, 3, 1, 4)
            .contiguous()
            .unbind(0);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var context = fused
            ? StepParts.End("attention (fused kernel)", nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: keyBias, p: dropout))
            : ExplicitAttention(q, k, v, keyBias, dropout);
        return StepParts.End("attention heads merged", context.transpose(1, 2).reshape(batch, length, _heads * _headSize)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// softmax(q kᵀ + bias) v, q already scaled by 1/√d, with dropout on the probabilities, all in the compute dtype.
    /// LibTorch's CPU softmax computes in float32 inside for bf16 and fp16 (its bf16 output equals the float32 softmax
    /// rounded to bf16) and rounds only the probabilities, which the product with v would round anyway. Keeping the
    /// [batch, heads, length, length] tensors in bf16 halves their memory traffic: with float32 scores a pretraining
    /// step's attention took twice as long, its backward most.
    /// </summary>
    internal static Tensor ExplicitAttention(Tensor q, Tensor k, Tensor v, Tensor? keyBias, double dropout)
    {
        var scores = q.matmul(k.transpose(-1, -2));
        if (keyBias is not null)
        {
            scores.add_(keyBias, TorchScalars.One);
        }

        var probabilities = StepParts.End("attention softmax", StepParts.End("attention scores", scores).softmax(-1));
        if (dropout > 0)
        {
            probabilities = DropoutRandom.Apply(probabilities, dropout, training: true);
        }

        return StepParts.End("attention context", probabilities.matmul(v));
    }
}

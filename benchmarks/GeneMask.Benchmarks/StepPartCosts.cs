using GeneMask.Models.TorchSharp;

namespace GeneMask.Benchmarks;

/// <summary>
/// Model FLOPs and bytes moved by each part of a training step, per occurrence, from the shapes. FLOPs are the matrix
/// products only (as <see cref="BertFlops"/> counts them; backward twice forward). Bytes are the tensors a part must read
/// and write once at the dtypes the implementation keeps them in — inputs, outputs, weights (and their casts in mixed
/// precision), the attention probabilities once —, a lower bound on the memory traffic; intermediates of unfused
/// kernels come on top.
/// </summary>
/// <param name="Config">The model.</param>
/// <param name="Rows">Rows of the batch.</param>
/// <param name="Length">Tokens per row (padded).</param>
/// <param name="Predicted">Positions that go through the masked-LM head.</param>
/// <param name="Compute">Bytes per element of the compute dtype (2 for bf16, 4 for float32).</param>
/// <param name="Stream">Bytes per element of the hidden states between layers.</param>
/// <param name="Parameters">Parameters the optimizer updates.</param>
internal sealed record StepPartCosts(BertConfig Config, long Rows, long Length, long Predicted, int Compute, int Stream, long Parameters)
{
    /// <summary>
    /// The costs of all <paramref name="count"/> occurrences of <paramref name="part"/> in a step. Q/K/V is costed per
    /// layer whether it runs as one product or three.
    /// </summary>
    public (double Flops, double Bytes) Total(string part, int count)
    {
        var (forwardFlops, backwardFlops, forwardBytes, backwardBytes) = Of(part);
        var times = part == "Q/K/V projections" ? Config.LayerCount : count;
        return ((forwardFlops + backwardFlops) * times, (forwardBytes + backwardBytes) * times);
    }

    private (double ForwardFlops, double BackwardFlops, double ForwardBytes, double BackwardBytes) Of(string part)
    {
        double h = Config.HiddenSize, i = Config.IntermediateSize, v = Config.VocabularySize, heads = Config.HeadCount;
        double t = Rows * Length, p = Predicted, c = Compute, s = Stream, scores = Rows * heads * Length * Length;
        return part switch
        {
            "embeddings" => (0, 0, t * h * ((3 * 4) + s), t * h * (s + (3 * 8))),
            "embeddings LayerNorm" => (0, 0, t * h * 2 * s, t * h * 3 * s),
            "Q/K/V projections" => Linear(t, h, 3 * h, s),
            // Attention as one part, as builds before the explicit path's marks time it.
            "attention core" => (4 * t * Length * h, 8 * t * Length * h, (t * h * 4 * c) + (scores * 8), (t * h * 7 * c) + (scores * 12)),
            "attention (fused kernel)" => (4 * t * Length * h, 8 * t * Length * h, t * h * 4 * c, t * h * 8 * c),
            "attention scores" => (2 * t * Length * h, 4 * t * Length * h, (t * h * 2 * c) + (scores * c), (t * h * 4 * c) + (scores * c)),
            "attention softmax" => (0, 0, scores * 2 * c, scores * 3 * c),
            "attention context" => (2 * t * Length * h, 4 * t * Length * h, (t * h * 2 * c) + (scores * c), (t * h * 3 * c) + (scores * 2 * c)),
            "attention heads merged" => (0, 0, t * h * 2 * c, t * h * 2 * c),
            "attention output projection" => Linear(t, h, h, c),
            "MLM transform projection" => Linear(p, h, h, s),
            "pooler" => Linear(Rows, h, h, s),
            "attention residual + LayerNorm" or "FFN residual + LayerNorm" => (0, 0, t * h * (c + (2 * s)), t * h * (c + (3 * s))),
            "FFN up projection" => Linear(t, h, i, s),
            "GELU" => (0, 0, t * i * 2 * c, t * i * 3 * c),
            "FFN down projection" => Linear(t, i, h, c),
            "MLM gather" => (0, 0, p * h * 2 * s, (t + p) * h * s),
            "MLM transform GELU" => (0, 0, p * h * 2 * c, p * h * 3 * c),
            "MLM transform LayerNorm" => (0, 0, p * h * (c + 4), p * h * (4 + 4 + c)),
            "MLM decoder" => Linear(p, h, v, 4),
            "MLM loss" => (0, 0, p * v * (c + 16), p * v * (12 + c)),
            "classifier" => Linear(Rows, h, 2, c),
            "clip gradients" => (0, 0, Parameters * 4 * 3, 0),
            "AdamW" => (0, 0, Parameters * 4 * 7, 0),
            "zero gradients" => (0, 0, Parameters * 4, 0),
            _ => (0, 0, 0, 0),
        };
    }

    /// <summary>Y = X Wᵀ + b from <paramref name="inputs"/> to <paramref name="outputs"/> features on <paramref name="rows"/> rows, X stored with <paramref name="inputBytes"/> per element.</summary>
    private (double, double, double, double) Linear(double rows, double inputs, double outputs, double inputBytes)
    {
        double c = Compute, weights = inputs * outputs;
        var flops = 2 * rows * inputs * outputs;
        var weightCast = c == 4 ? 0 : weights * (4 + c);
        var gradientCast = c == 4 ? weights * 8 : weights * (c + 8);
        var forward = (rows * inputs * inputBytes) + (weights * c) + weightCast + (rows * outputs * c);
        var backward = (rows * outputs * c) + (weights * c) + (2 * rows * inputs * c) + (weights * c) + gradientCast;
        return (flops, 2 * flops, forward, backward);
    }
}

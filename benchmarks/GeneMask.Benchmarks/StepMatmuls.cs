using GeneMask.Models.TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// The matrix products of a training step at the step's shapes, in one dtype, on random operands: per linear layer
/// the forward product and the two of backward (input and weight gradients), per attention the two batched products
/// and the four of backward; Q/K/V as one product of three times the width. These are exactly the FLOPs that
/// <see cref="BertFlops"/> counts, so their time is what the step would take if nothing but its matrix products ran,
/// at LibTorch's rate for these shapes: the yardstick of "model GFLOP/s against the matrix-product rate".
/// </summary>
internal sealed class StepMatmuls : IDisposable
{
    private readonly List<Action> _products = [];
    private readonly List<Tensor> _operands = [];

    private StepMatmuls(ScalarType dtype) => DType = dtype;

    public ScalarType DType { get; }

    public double Flops { get; private set; }

    /// <summary>The products of a masked-LM step: encoder on batch × length tokens, head on the predicted positions.</summary>
    public static StepMatmuls Pretraining(BertConfig config, int batch, int length, long predicted, ScalarType dtype)
    {
        var products = new StepMatmuls(dtype);
        products.AddEncoder(config, batch, length);
        products.AddLinear(predicted, config.HiddenSize, config.HiddenSize);
        products.AddLinear(predicted, config.HiddenSize, config.VocabularySize);
        return products;
    }

    /// <summary>The products of a classification step: encoder, pooler and classifier.</summary>
    public static StepMatmuls Classification(BertConfig config, int batch, int length, int classes, ScalarType dtype)
    {
        var products = new StepMatmuls(dtype);
        products.AddEncoder(config, batch, length);
        products.AddLinear(batch, config.HiddenSize, config.HiddenSize);
        products.AddLinear(batch, config.HiddenSize, classes);
        return products;
    }

    /// <summary>Runs every product once.</summary>
    public void Run()
    {
        using var scope = NewDisposeScope();
        foreach (var product in _products)
        {
            product();
        }
    }

    public void Dispose()
    {
        foreach (var t in _operands)
        {
            t.Dispose();
        }
    }

    private void AddEncoder(BertConfig config, int batch, int length)
    {
        long tokens = (long)batch * length;
        for (var layer = 0; layer < config.LayerCount; layer++)
        {
            AddLinear(tokens, config.HiddenSize, 3 * config.HiddenSize);
            AddAttention(batch * config.HeadCount, length, config.HeadSize);
            AddLinear(tokens, config.HiddenSize, config.HiddenSize);
            AddLinear(tokens, config.HiddenSize, config.IntermediateSize);
            AddLinear(tokens, config.IntermediateSize, config.HiddenSize);
        }
    }

    /// <summary>Y = X Wᵀ; backward dX = dY W and dW = dYᵀ X.</summary>
    private void AddLinear(long rows, long inputs, long outputs)
    {
        var x = Operand(rows, inputs);
        var w = Operand(outputs, inputs);
        var dy = Operand(rows, outputs);
        _products.Add(() => nn.functional.linear(x, w).Dispose());
        _products.Add(() => dy.mm(w).Dispose());
        _products.Add(() => dy.t().mm(x).Dispose());
        Flops += 3 * 2.0 * rows * inputs * outputs;
    }

    /// <summary>S = Q Kᵀ, C = P V; backward dP = dC Vᵀ, dV = Pᵀ dC, dQ = dS K, dK = dSᵀ Q.</summary>
    private void AddAttention(long batchHeads, long length, long headSize)
    {
        var q = Operand(batchHeads, length, headSize);
        var k = Operand(batchHeads, length, headSize);
        var v = Operand(batchHeads, length, headSize);
        var p = Operand(batchHeads, length, length);
        var dc = Operand(batchHeads, length, headSize);
        _products.Add(() => q.matmul(k.transpose(1, 2)).Dispose());
        _products.Add(() => p.matmul(v).Dispose());
        _products.Add(() => dc.matmul(v.transpose(1, 2)).Dispose());
        _products.Add(() => p.transpose(1, 2).matmul(dc).Dispose());
        _products.Add(() => p.matmul(k).Dispose());
        _products.Add(() => p.transpose(1, 2).matmul(q).Dispose());
        Flops += 6 * 2.0 * batchHeads * length * length * headSize;
    }

    private Tensor Operand(params long[] shape)
    {
        var t = randn(shape).Times(1.0 / 16).to_type(DType);
        _operands.Add(t);
        return t;
    }
}

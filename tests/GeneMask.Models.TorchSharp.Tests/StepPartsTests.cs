using GeneMask.Models.TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>The part marks the benchmarks' step profile relies on: every part once, in order, and nothing changed by them.</summary>
public sealed class StepPartsTests
{
    private static readonly BertConfig TwoLayers = Tiny.Config with { LayerCount = 2 };

    private static string[] Layer(bool explicitAttention) =>
    [
        "Q/K/V projections",
        .. explicitAttention ? (string[])["attention scores", "attention softmax", "attention context"] : ["attention (fused kernel)"],
        "attention heads merged", "attention output projection", "attention residual + LayerNorm",
        "FFN up projection", "GELU", "FFN down projection", "FFN residual + LayerNorm",
    ];

    [TestCase(ModelPrecision.Fp32)]
    [TestCase(ModelPrecision.Bf16Mixed)]
    public void A_masked_lm_loss_passes_every_part_once_in_order_and_an_observer_that_changes_nothing_changes_no_number(ModelPrecision precision)
    {
        using var model = BertForMaskedLM.Create(TwoLayers, seed: 5).UsePrecision(precision);
        var (ids, mask, labels) = Tiny.MaskedBatch(Tiny.GenomeRows(3, 20), seed: 1);
        using var plain = model.MaskedLmLoss(ids, mask, labels);

        var observer = new Names();
        Tensor observed;
        using (StepParts.Observe(observer))
        {
            observed = model.MaskedLmLoss(ids, mask, labels);
        }

        // Float32 takes LibTorch's fused attention kernel, bf16 on the CPU the explicit product, softmax and product.
        var layer = Layer(explicitAttention: precision != ModelPrecision.Fp32);
        observer.Parts.Should().Equal(
        [
            "embeddings", "embeddings LayerNorm", .. layer, .. layer,
            "MLM gather", "MLM transform projection", "MLM transform GELU", "MLM transform LayerNorm", "MLM decoder", "MLM loss",
        ]);
        observed.item<float>().Should().Be(plain.item<float>());
        observed.Dispose();
    }

    [Test]
    public void Back_propagating_a_graph_cut_at_the_marks_piece_by_piece_gives_the_gradients_of_one_backward_call()
    {
        using var model = BertForSequenceClassification.Create(TwoLayers, classCount: 2, seed: 5);
        var (ids, mask, _) = Tiny.MaskedBatch(Tiny.GenomeRows(3, 20), seed: 1);
        using var classes = tensor(new long[] { 0, 1, 1 });
        using (var loss = nn.functional.cross_entropy(model.call(ids, mask), classes))
        {
            loss.backward();
        }

        var whole = model.parameters().Select(p => p.grad!.clone()).ToArray();
        model.zero_grad();

        var cutter = new Cutter();
        using (StepParts.Observe(cutter))
        {
            using var loss = nn.functional.cross_entropy(model.call(ids, mask), classes);
            cutter.Backward(loss);
        }

        var pieces = model.parameters().Select(p => p.grad!).ToArray();
        pieces.Should().HaveCount(whole.Length);
        for (var i = 0; i < whole.Length; i++)
        {
            pieces[i].allclose(whole[i], rtol: 1e-5, atol: 1e-7).Should().BeTrue($"parameter {i}");
        }

        cutter.Pieces.Should().Be(1 + 1 + (2 * Layer(explicitAttention: false).Length) + 2);
    }

    private sealed class Names : IStepPartObserver
    {
        public List<string> Parts { get; } = [];

        public Tensor OnPartEnd(string part, Tensor output)
        {
            Parts.Add(part);
            return output;
        }
    }

    /// <summary>Cuts the graph at every mark and back-propagates the pieces last first, as the step profile does.</summary>
    private sealed class Cutter : IStepPartObserver
    {
        private readonly List<(Tensor Output, Tensor Cut)> _pieces = [];

        public int Pieces => _pieces.Count;

        public Tensor OnPartEnd(string part, Tensor output)
        {
            var cut = output.detach().requires_grad_(output.requires_grad).DetachFromDisposeScope();
            _pieces.Add((output.alias().DetachFromDisposeScope(), cut));
            return cut.alias();
        }

        public void Backward(Tensor loss)
        {
            loss.backward();
            for (var i = _pieces.Count - 1; i >= 0; i--)
            {
                using var gradient = _pieces[i].Cut.grad;
                if (gradient is not null)
                {
                    _pieces[i].Output.backward([gradient]);
                }

                _pieces[i].Output.Dispose();
                _pieces[i].Cut.Dispose();
            }
        }
    }
}

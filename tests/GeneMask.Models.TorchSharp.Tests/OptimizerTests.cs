using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;

namespace GeneMask.Models.TorchSharp.Tests;

public sealed class OptimizerTests
{
    [Test]
    public void Schedule_rises_linearly_then_falls_linearly_without_a_zero_step()
    {
        // Worked by hand: peak 1, 4 warm-up steps of 10: 0.25 0.5 0.75 1, then (10 - s + 1) / 6 for s = 5 … 10.
        var expected = new[] { 0.25, 0.5, 0.75, 1.0, 1.0, 5.0 / 6, 4.0 / 6, 3.0 / 6, 2.0 / 6, 1.0 / 6 };
        var actual = Enumerable.Range(1, 10).Select(s => OptimizerSetup.LinearWarmupDecay(s, 4, 10, 1.0)).ToArray();
        actual.Should().Equal(expected, (a, e) => Math.Abs(a - e) < 1e-12);
        OptimizerSetup.LinearWarmupDecay(1, 0, 3, 2.0).Should().Be(2.0);
        ((Action)(() => OptimizerSetup.LinearWarmupDecay(11, 4, 10, 1.0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Fused_update_matches_the_rule_computed_in_double_precision()
    {
        // An odd length exercises both the vector loop and the scalar tail.
        const int n = 37;
        var random = new Random(4);
        var p = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var m = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 0.1)).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 0.01)).ToArray();
        var g = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var (lr, b1, b2, eps, wd, step) = (1e-3, 0.9, 0.999, 1e-8, 0.01, 3L);
        var expected = new double[n];
        for (var i = 0; i < n; i++)
        {
            var mi = (b1 * m[i]) + ((1 - b1) * g[i]);
            var vi = (b2 * v[i]) + ((1 - b2) * g[i] * g[i]);
            var denominator = (Math.Sqrt(vi) / Math.Sqrt(1 - Math.Pow(b2, step))) + eps;
            expected[i] = (p[i] * (1 - (lr * wd))) - (lr / (1 - Math.Pow(b1, step)) * mi / denominator);
        }

        FusedAdamW.Update(p, g, m, v, lr, b1, b2, eps, wd, step);
        p.Select(x => (double)x).Should().Equal(expected, (a, e) => Math.Abs(a - e) < 1e-6);
    }

    [Test]
    public void Fused_AdamW_trains_as_TorchSharps_AdamW_and_keeps_its_state_format()
    {
        var (ids, mask, labels) = Tiny.MaskedBatch(Tiny.GenomeRows(4, 40), seed: 5);
        float[] Train(bool fused, out long[] steps)
        {
            using var model = BertForMaskedLM.Create(Tiny.Config, seed: 2);
            using var optimizer = fused
                ? OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6)
                : global::TorchSharp.torch.optim.AdamW(OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6).ParamGroups.Cast<global::TorchSharp.Modules.AdamW.ParamGroup>(), 1e-3, 0.9, 0.98, 1e-6, 0.01);
            for (var i = 0; i < 10; i++)
            {
                optimizer.zero_grad();
                using var loss = model.MaskedLmLoss(ids, mask, labels);
                loss.backward();
                optimizer.step();
            }

            steps = optimizer.state_dict().State.Cast<global::TorchSharp.Modules.AdamW.State>().Select(s => s.step).ToArray();
            return Tiny.FlatWeights(model);
        }

        var reference = Train(fused: false, out var referenceSteps);
        var fused = Train(fused: true, out var fusedSteps);
        fusedSteps.Should().Equal(referenceSteps).And.OnlyContain(s => s == 10);
        fused.Should().Equal(reference, (a, b) => Math.Abs(a - b) <= 1e-5 + (1e-4 * Math.Abs(b)));
    }

    [Test]
    public void Biases_and_LayerNorm_take_no_weight_decay()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        using var optimizer = OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        var groups = optimizer.ParamGroups.Cast<global::TorchSharp.Modules.AdamW.ParamGroup>().ToArray();
        groups.Should().HaveCount(2);
        groups[0].Options.weight_decay.Should().Be(0.01);
        groups[1].Options.weight_decay.Should().Be(0.0);

        var byName = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var decayed = groups[0].Parameters.ToHashSet(ReferenceEqualityComparer.Instance);
        var exempt = groups[1].Parameters.ToHashSet(ReferenceEqualityComparer.Instance);
        decayed.Should().Contain(byName["bert.encoder.layer.0.attention.self.query.weight"]);
        decayed.Should().Contain(byName["bert.embeddings.word_embeddings.weight"]);
        exempt.Should().Contain(byName["bert.encoder.layer.0.attention.self.query.bias"]);
        exempt.Should().Contain(byName["bert.embeddings.LayerNorm.weight"]);
        exempt.Should().Contain(byName["cls.predictions.bias"]);
        exempt.Should().Contain(byName["cls.predictions.transform.LayerNorm.weight"]);
    }

    [Test]
    public void FLOP_count_matches_a_hand_count_for_one_layer()
    {
        // hidden 4, intermediate 8, one layer, 3 tokens: 3·(8·16 + 4·4·8 + 4·3·4) = 3·(128 + 128 + 48) = 912.
        var config = new BertConfig(4101, 4, 1, 1, 8, 0, 0);
        BertFlops.EncoderForward(config, 1, 3).Should().Be(912);
        BertFlops.MaskedLmHeadForward(config, 2).Should().Be(2 * ((2 * 16) + (2 * 4 * 4101)));
    }
}

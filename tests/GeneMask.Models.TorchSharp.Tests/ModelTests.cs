using GeneMask.Models.TorchSharp;
using GeneMask.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

public sealed class ModelTests
{
    private static readonly string[] EncoderLayerSuffixes =
    [
        "attention.self.query.weight", "attention.self.query.bias",
        "attention.self.key.weight", "attention.self.key.bias",
        "attention.self.value.weight", "attention.self.value.bias",
        "attention.output.dense.weight", "attention.output.dense.bias",
        "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias",
        "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias",
    ];

    private static readonly string[] EmbeddingKeys =
    [
        "bert.embeddings.word_embeddings.weight",
        "bert.embeddings.position_embeddings.weight",
        "bert.embeddings.token_type_embeddings.weight",
        "bert.embeddings.LayerNorm.weight",
        "bert.embeddings.LayerNorm.bias",
    ];

    [Test]
    public void Masked_LM_state_dict_keys_are_Hugging_Face_BertForMaskedLM_keys()
    {
        var config = Tiny.Config with { LayerCount = 2 };
        using var model = BertForMaskedLM.Create(config, seed: 1);
        var expected = EmbeddingKeys
            .Concat(Enumerable.Range(0, 2).SelectMany(l => EncoderLayerSuffixes.Select(s => $"bert.encoder.layer.{l}.{s}")))
            .Concat(
            [
                "cls.predictions.bias",
                "cls.predictions.transform.dense.weight",
                "cls.predictions.transform.dense.bias",
                "cls.predictions.transform.LayerNorm.weight",
                "cls.predictions.transform.LayerNorm.bias",
                "cls.predictions.decoder.weight",
            ]);
        model.state_dict().Keys.Should().BeEquivalentTo(expected);
        model.state_dict()["bert.encoder.layer.1.intermediate.dense.weight"].shape.Should().Equal(64, 32);
        model.state_dict()["cls.predictions.bias"].shape.Should().Equal(4101);
    }

    [Test]
    public void Classifier_state_dict_keys_are_Hugging_Face_BertForSequenceClassification_keys()
    {
        using var model = BertForSequenceClassification.Create(Tiny.Config, classCount: 3, seed: 1);
        var expected = EmbeddingKeys
            .Concat(EncoderLayerSuffixes.Select(s => $"bert.encoder.layer.0.{s}"))
            .Concat(["bert.pooler.dense.weight", "bert.pooler.dense.bias", "classifier.weight", "classifier.bias"]);
        model.state_dict().Keys.Should().BeEquivalentTo(expected);
        model.state_dict()["classifier.weight"].shape.Should().Equal(3, 32);
    }

    [Test]
    public void Decoder_is_tied_to_the_word_embeddings_and_counted_once_by_the_optimizer()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var state = model.state_dict();
        using (no_grad())
        {
            // One storage: a change through the embedding shows in the decoder.
            state["bert.embeddings.word_embeddings.weight"][7, 3] = tensor(5.0f);
        }

        state["cls.predictions.decoder.weight"][7, 3].item<float>().Should().Be(5.0f);

        using var optimizer = Training.OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        var distinct = model.parameters().Distinct(ReferenceEqualityComparer.Instance).Count();
        optimizer.parameters().Count().Should().Be(distinct);
    }

    [Test]
    public void Initialisation_is_BERTs_and_seeded()
    {
        using var a = BertForMaskedLM.Create(Tiny.Config, seed: 7);
        using var b = BertForMaskedLM.Create(Tiny.Config, seed: 7);
        using var c = BertForMaskedLM.Create(Tiny.Config, seed: 8);
        var sa = a.state_dict();
        foreach (var (key, value) in b.state_dict())
        {
            value.allclose(sa[key], 0, 0).Should().BeTrue(key);
        }

        c.state_dict()["bert.encoder.layer.0.attention.self.query.weight"].allclose(sa["bert.encoder.layer.0.attention.self.query.weight"], 0, 0).Should().BeFalse();

        var word = sa["bert.embeddings.word_embeddings.weight"];
        word[SpecialTokens.Pad].abs().sum().item<float>().Should().Be(0, "the [PAD] row starts at zero");
        word.std().item<float>().Should().BeApproximately(0.02f, 0.002f);
        sa["bert.encoder.layer.0.output.LayerNorm.weight"].eq(1).all().item<bool>().Should().BeTrue();
        sa["bert.encoder.layer.0.attention.self.key.bias"].eq(0).all().item<bool>().Should().BeTrue();
    }

    [Test]
    public void Masked_LM_loss_equals_cross_entropy_over_full_logits_with_ignore_index()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 3);
        model.eval();
        var (ids, mask, labels) = Tiny.MaskedBatch(Tiny.GenomeRows(4, 40), seed: 5);
        using var noGrad = no_grad();
        var fast = model.MaskedLmLoss(ids, mask, labels).item<float>();

        // Independent: full logits, then a hand-written log-softmax over labelled positions only.
        var logits = model.call(ids, mask).reshape(-1, 4101);
        var logProbabilities = logits.log_softmax(1);
        var flat = labels.reshape(-1).data<long>().ToArray();
        double sum = 0;
        var n = 0;
        for (var i = 0; i < flat.Length; i++)
        {
            if (flat[i] != -100)
            {
                sum -= logProbabilities[i, flat[i]].item<float>();
                n++;
            }
        }

        fast.Should().BeApproximately((float)(sum / n), 1e-4f);
    }

    [Test]
    public void Initial_MLM_loss_is_near_ln_vocabulary()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 11);
        model.eval();
        var (ids, mask, labels) = Tiny.MaskedBatch(Tiny.GenomeRows(8, 64), seed: 1);
        using var noGrad = no_grad();
        var loss = model.MaskedLmLoss(ids, mask, labels).item<float>();
        loss.Should().BeApproximately((float)Math.Log(4101), 0.1f);
    }

    [TestCase(ModelPrecision.Fp32)]
    [TestCase(ModelPrecision.Bf16Mixed)]
    public void Padding_does_not_change_the_outputs_of_real_tokens(ModelPrecision precision)
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 2).UsePrecision(precision);
        model.eval();
        var row = Tiny.GenomeRows(1, 20)[0];
        using var noGrad = no_grad();
        var alone = model.call(tensor(row.Select(x => (long)x).ToArray(), [1, 20]), ones(1, 20, ScalarType.Int64));

        var padded = row.Select(x => (long)x).Concat(Enumerable.Repeat(0L, 12)).ToArray();
        var paddedMask = Enumerable.Repeat(1L, 20).Concat(Enumerable.Repeat(0L, 12)).ToArray();
        var withPadding = model.call(tensor(padded, [1, 32]), tensor(paddedMask, [1, 32]));

        // And the mask matters: attending to the padding would change them.
        var unmasked = model.call(tensor(padded, [1, 32]), ones(1, 32, ScalarType.Int64));
        if (precision == ModelPrecision.Fp32)
        {
            withPadding.narrow(1, 0, 20).allclose(alone, rtol: 1e-4, atol: 1e-5).Should().BeTrue();
            unmasked.narrow(1, 0, 20).allclose(alone, rtol: 1e-4, atol: 1e-5).Should().BeFalse();
        }
        else
        {
            // bf16 products may round a longer batch differently; what padding would do is far larger than that.
            var masked = (withPadding.narrow(1, 0, 20) - alone).abs().max().item<float>();
            var attended = (unmasked.narrow(1, 0, 20) - alone).abs().max().item<float>();
            masked.Should().BeLessThan(attended / 10);
        }
    }

    [Test]
    public void Attention_matches_a_hand_written_softmax_attention()
    {
        // Independent check of the encoder layer: recompute one layer from its weights with plain matmuls.
        var config = Tiny.Config;
        using var model = BertForMaskedLM.Create(config, seed: 4);
        model.eval();
        var row = Tiny.GenomeRows(1, 12)[0].Select(x => (long)x).ToArray();
        var ids = tensor(row, [1, 12]);
        var mask = tensor(Enumerable.Repeat(1L, 10).Concat([0L, 0L]).ToArray(), [1, 12]);
        var s = model.state_dict();
        using var noGrad = no_grad();

        Tensor Ln(Tensor x, string p) => nn.functional.layer_norm(x, [config.HiddenSize], s[p + ".weight"], s[p + ".bias"], config.LayerNormEpsilon);
        Tensor Lin(Tensor x, string p) => x.matmul(s[p + ".weight"].t()) + s[p + ".bias"];

        var positions = arange(12L);
        var h = Ln(s["bert.embeddings.word_embeddings.weight"][ids[0]] + s["bert.embeddings.position_embeddings.weight"][positions] + s["bert.embeddings.token_type_embeddings.weight"][0], "bert.embeddings.LayerNorm");
        const string L = "bert.encoder.layer.0.";
        var heads = config.HeadCount;
        var d = config.HeadSize;
        var q = Lin(h, L + "attention.self.query").view(12, heads, d).transpose(0, 1);
        var k = Lin(h, L + "attention.self.key").view(12, heads, d).transpose(0, 1);
        var v = Lin(h, L + "attention.self.value").view(12, heads, d).transpose(0, 1);
        var scores = q.matmul(k.transpose(1, 2)) / Math.Sqrt(d);
        scores = scores.masked_fill(mask[0].eq(0).view(1, 1, 12), double.NegativeInfinity);
        var context = scores.softmax(-1).matmul(v).transpose(0, 1).reshape(12, config.HiddenSize);
        var attended = Ln(Lin(context, L + "attention.output.dense") + h, L + "attention.output.LayerNorm");
        var ffn = Lin(nn.functional.gelu(Lin(attended, L + "intermediate.dense")), L + "output.dense");
        var expectedHidden = Ln(ffn + attended, L + "output.LayerNorm");
        var t = Ln(nn.functional.gelu(Lin(expectedHidden, "cls.predictions.transform.dense")), "cls.predictions.transform.LayerNorm");
        var expectedLogits = t.matmul(s["bert.embeddings.word_embeddings.weight"].t()) + s["cls.predictions.bias"];

        var logits = model.call(ids, mask)[0];
        logits.allclose(expectedLogits, rtol: 1e-4, atol: 1e-4).Should().BeTrue();
    }

    [Test]
    public void Bf16_model_computes_close_to_fp32()
    {
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 5);
        model.eval();
        var (ids, mask, labels) = Tiny.MaskedBatch(Tiny.GenomeRows(4, 32), seed: 2);
        using var noGrad = no_grad();
        var fp32 = model.MaskedLmLoss(ids, mask, labels).item<float>();
        model.to(ScalarType.BFloat16);
        model.state_dict()["bert.encoder.layer.0.attention.self.query.weight"].dtype.Should().Be(ScalarType.BFloat16);
        var bf16 = model.MaskedLmLoss(ids, mask, labels).item<float>();
        bf16.Should().BeApproximately(fp32, 0.05f);
    }

    [Test]
    public void Cuda_request_without_a_GPU_fails_clearly()
    {
        if (cuda.is_available())
        {
            Assert.Ignore("A GPU is present.");
        }

        var act = () => TorchDevices.Resolve("cuda");
        act.Should().Throw<InvalidOperationException>().WithMessage("*cuda*not available*");
        TorchDevices.Resolve(null).type.Should().Be(DeviceType.CPU);
        ((Action)(() => TorchDevices.Resolve("tpu"))).Should().Throw<ArgumentException>().WithMessage("*tpu*");
    }
}

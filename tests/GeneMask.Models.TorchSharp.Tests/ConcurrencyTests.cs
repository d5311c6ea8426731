using GeneMask.Models.TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Training loops on several threads stay reproducible: own dropout generators, serialised seeded initialisation.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public void Seeded_dropout_repeats_its_draws_and_drops_the_asked_share()
    {
        using var input = ones(200, 100);
        Tensor Draw(long seed)
        {
            using var scope = DropoutRandom.Seed(seed, CPU);
            return DropoutRandom.Apply(input, 0.25, training: true);
        }

        using var a = Draw(7);
        using var b = Draw(7);
        using var c = Draw(8);
        a.allclose(b, rtol: 0, atol: 0).Should().BeTrue();
        a.allclose(c, rtol: 0, atol: 0).Should().BeFalse();

        // Kept entries are scaled by 1 / (1 − p); the dropped share is p within 4 standard errors (n = 20,000).
        var values = a.data<float>().ToArray();
        values.Should().OnlyContain(v => v == 0f || Math.Abs(v - (1 / 0.75f)) < 1e-6);
        var dropped = values.Count(v => v == 0f) / (double)values.Length;
        dropped.Should().BeApproximately(0.25, 4 * Math.Sqrt(0.25 * 0.75 / values.Length));

        // Not training, or p = 0: the input unchanged.
        using var off = DropoutRandom.Apply(input, 0.25, training: false);
        off.allclose(input, rtol: 0, atol: 0).Should().BeTrue();
    }

    [Test]
    public void Seeded_dropout_keeps_by_the_seeds_own_32_bit_halves_whatever_the_dtype()
    {
        // Independently: element 2i and 2i + 1 are kept when the low and high 32 bits of the i-th draw of
        // SeededRandom(seed) are below 2³²·(1 − p).
        const double p = 0.3;
        var random = new GeneMask.Infrastructure.SeededRandom(11);
        var expected = new float[1001];
        for (var i = 0; i < expected.Length; i += 2)
        {
            var bits = random.NextUInt64();
            expected[i] = (bits & 0xFFFFFFFFUL) < 0.7 * 4294967296.0 ? 1 / 0.7f : 0f;
            if (i + 1 < expected.Length)
            {
                expected[i + 1] = (bits >> 32) < 0.7 * 4294967296.0 ? 1 / 0.7f : 0f;
            }
        }

        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
        {
            using var input = ones(7, 143, dtype: dtype);
            using var scope = DropoutRandom.Seed(11, CPU);
            using var output = DropoutRandom.Apply(input, p, training: true);
            output.dtype.Should().Be(dtype);
            var values = output.to_type(ScalarType.Float32).data<float>().ToArray();
            values.Should().Equal(expected, (a, e) => (a == 0) == (e == 0) && Math.Abs(a - e) < 0.01f, dtype.ToString());
        }
    }

    [Test]
    public void Dropout_draws_on_concurrent_threads_equal_the_draws_made_one_after_the_other()
    {
        using var input = ones(64, 64);
        float[][] Run(long seed)
        {
            var draws = new float[50][];
            for (var i = 0; i < draws.Length; i++)
            {
                using var scope = DropoutRandom.Seed(seed * 1_000 + i, CPU);
                using var output = DropoutRandom.Apply(input, 0.1, training: true);
                draws[i] = output.data<float>().ToArray();
            }

            return draws;
        }

        var sequential = new[] { Run(1), Run(2) };
        var concurrent = new float[2][][];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t => concurrent[t] = Run(t + 1));

        for (var t = 0; t < 2; t++)
        {
            for (var i = 0; i < 50; i++)
            {
                concurrent[t][i].Should().Equal(sequential[t][i]);
            }
        }
    }

    [Test]
    public void Models_created_concurrently_get_their_seeds_weights()
    {
        static float[] Weights(long seed)
        {
            using var model = BertForMaskedLM.Create(Tiny.Config, seed);
            return Tiny.FlatWeights(model);
        }

        var expected = Enumerable.Range(1, 6).Select(s => Weights(s)).ToArray();
        var concurrent = new float[6][];
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => concurrent[i] = Weights(i + 1));
        for (var i = 0; i < 6; i++)
        {
            concurrent[i].Should().Equal(expected[i], $"seed {i + 1}");
        }
    }

    [Test]
    public void Explicit_attention_equals_the_fused_kernel_with_padding()
    {
        manual_seed(3);
        using var q = randn(2, 4, 9, 8);
        using var k = randn(2, 4, 9, 8);
        using var v = randn(2, 4, 9, 8);

        // Row 0 attends to all 9 keys, row 1 to its first 5 (the rest is padding).
        using var keyMask = tensor(new[] { true, true, true, true, true, true, true, true, true, true, true, true, true, true, false, false, false, false }).reshape(2, 1, 1, 9);
        using var fused = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: keyMask);

        // The explicit path takes q scaled by 1/√d and the mask as an additive bias.
        using var scaled = q / Math.Sqrt(8);
        using var keyBias = zeros(2, 1, 1, 9).masked_fill(keyMask.logical_not(), double.NegativeInfinity);
        using var explicitAttention = BertSelfAttention.ExplicitAttention(scaled, k, v, keyBias, 0.0);
        explicitAttention.allclose(fused, rtol: 1e-5, atol: 1e-6).Should().BeTrue();

        // In bf16 (as Bf16Mixed computes) it stays within bf16 rounding of the float32 result.
        using var bf16 = BertSelfAttention.ExplicitAttention(scaled.to_type(ScalarType.BFloat16), k.to_type(ScalarType.BFloat16), v.to_type(ScalarType.BFloat16), keyBias.to_type(ScalarType.BFloat16), 0.0);
        bf16.dtype.Should().Be(ScalarType.BFloat16);
        bf16.to_type(ScalarType.Float32).allclose(fused, rtol: 0.05, atol: 0.05).Should().BeTrue();
    }

    [Test]
    public void Recommended_precision_is_float32_on_gpus_and_mixed_or_float32_on_the_cpu()
    {
        TorchDevices.RecommendedPrecision("cuda").Should().Be(ModelPrecision.Fp32);
        TorchDevices.RecommendedPrecision("cpu").Should().BeOneOf(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed);
        var flags = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? string.Empty : string.Empty;
        var hasBf16 = flags.Contains(" avx512_bf16", StringComparison.Ordinal) || flags.Contains(" amx_bf16", StringComparison.Ordinal);
        TorchDevices.RecommendedPrecision("cpu").Should().Be(hasBf16 ? ModelPrecision.Bf16Mixed : ModelPrecision.Fp32);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// The two training steps of the main job (<c>compare</c>), on its LOGO-family model (2 layers, hidden 256, 8 heads,
/// intermediate 1,024) with one torch thread, as each of its workers computes: <c>PretrainingStep</c> — 16 real
/// 126-base chr2 rows (123 tokens) with k-mer-span masks, masked-LM loss, backward, clip, AdamW; <c>FewShotStep</c> —
/// 5 real 70-base rows (67 tokens) through the classifier with dropout 0.1, backward, clip, AdamW. <c>Optimizer</c>
/// compares the AdamW step alone (the model's 3.8 M parameters, gradients set): TorchSharp's <c>optim.AdamW</c>
/// against <see cref="OptimizerSetup.CreateAdamW"/>'s fused pass.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 4)]
public class ComparisonStepBenchmarks
{
    private static readonly BertConfig Config = BertConfig.LogoOriginal with { MaxPositions = 128 };
    private BertForMaskedLM _masked = null!;
    private BertForSequenceClassification _classifier = null!;
    private AdamW _maskedOptimizer = null!;
    private AdamW _classifierOptimizer = null!;
    private AdamW _torchSharpAdamW = null!;
    private Parameter[] _maskedParameters = null!;
    private Parameter[] _classifierParameters = null!;
    private Tensor _ids = null!;
    private Tensor _mask = null!;
    private Tensor _labels = null!;
    private Tensor _shotIds = null!;
    private Tensor _shotMask = null!;
    private Tensor _shotLabels = null!;
    private int _threads;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _threads = get_num_threads();
        set_num_threads(1);
        var tokenizer = KmerTokenizer.Create(6);
        var bases = ModelBenchmarkData.ChromosomeBases(16 * 126);
        var rows = Enumerable.Range(0, 16).Select(r => tokenizer.EncodeKmers(bases.AsSpan(r * 126, 126).ToString())).ToList();
        var batch = new MlmCollator(new MlmCollatorOptions { Seed = 1, MaxSequenceLength = 123 }).Collate(rows, 0, MaskingPhase.Of(new KmerSpanMasking()));
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        _ids = tensor(batch.InputIds, shape);
        _mask = tensor(batch.AttentionMask, shape);
        _labels = tensor(batch.Labels, shape);

        var shots = Enumerable.Range(0, 5).Select(r => tokenizer.Encode(bases.AsSpan(r * 70, 70).ToString())).ToArray();
        _shotIds = tensor(shots.SelectMany(r => r.Select(id => (long)id)).ToArray(), [5, shots[0].Length]);
        _shotMask = ones_like(_shotIds);
        _shotLabels = tensor(new long[] { 0, 1, 0, 1, 1 });

        _masked = BertForMaskedLM.Create(Config, seed: 1).UsePrecision(Precision);
        _masked.train();
        _maskedOptimizer = OptimizerSetup.CreateAdamW(_masked, 1e-3, 0.01, 0.9, 0.999, 1e-8);
        _maskedParameters = _masked.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        _torchSharpAdamW = optim.AdamW(_maskedParameters, 1e-3, 0.9, 0.999, 1e-8, 0.01);

        _classifier = BertForSequenceClassification.Create(Config with { HiddenDropout = 0.1 }, classCount: 2, seed: 1).UsePrecision(Precision);
        _classifier.train();
        _classifierOptimizer = OptimizerSetup.CreateAdamW(_classifier, 4e-4, 0.01, 0.9, 0.999, 1e-8);
        _classifierParameters = _classifier.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        // The optimizer benchmarks step on gradients that exist.
        using (var loss = _masked.MaskedLmLoss(_ids, _mask, _labels))
        {
            loss.backward();
        }

        Console.WriteLine($"// {Precision}: pretraining {batch.BatchSize}x{batch.SequenceLength} ({batch.PredictedTokens} predicted), few-shot 5x{shots[0].Length}, one torch thread");
    }

    [Benchmark]
    public float PretrainingStep()
    {
        using var scope = NewDisposeScope();
        _maskedOptimizer.zero_grad();
        var loss = _masked.MaskedLmLoss(_ids, _mask, _labels);
        loss.backward();
        nn.utils.clip_grad_norm_(_maskedParameters, 1.0);
        _maskedOptimizer.step();
        return loss.item<float>();
    }

    [Benchmark]
    public float FewShotStep()
    {
        using var scope = NewDisposeScope();
        _classifierOptimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_classifier.call(_shotIds, _shotMask).to_type(ScalarType.Float32), _shotLabels);
        loss.backward();
        nn.utils.clip_grad_norm_(_classifierParameters, 1.0);
        _classifierOptimizer.step();
        return loss.item<float>();
    }

    [Benchmark]
    public void OptimizerTorchSharp() => _torchSharpAdamW.step();

    [Benchmark]
    public void OptimizerFused() => _maskedOptimizer.step();

    [GlobalCleanup]
    public void Cleanup()
    {
        _torchSharpAdamW.Dispose();
        _maskedOptimizer.Dispose();
        _classifierOptimizer.Dispose();
        _masked.Dispose();
        _classifier.Dispose();
        set_num_threads(_threads);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// Scoring a model on a fixed masked set, as the main job's M1 and validation curve do: 128 real 126-base chr2 rows
/// (123 tokens) under k-mer-span masks, in 2 batches of 64, the LOGO-family model of the comparison, one torch thread.
/// <c>CrossEntropy</c>: the loss alone, one cross-entropy per batch on the model's device (the scoring before the split
/// by input kind); <c>ByInputKind</c>: <see cref="FrozenEncoder.MaskedLmLossByInput"/>, which brings every predicted
/// position's log-probabilities to the CPU for <see cref="MaskedEvaluationSet.Score"/>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 2)]
public class MaskedLossBenchmarks
{
    private static readonly BertConfig Config = BertConfig.LogoOriginal with { MaxPositions = 128 };
    private BertForMaskedLM _model = null!;
    private MaskedEvaluationSet _set = null!;
    private int _threads;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _threads = get_num_threads();
        set_num_threads(1);
        _set = ModelBenchmarkData.KmerSpanSet(ModelBenchmarkData.ChromosomeBases(128 * 126), 128);
        _model = BertForMaskedLM.Create(Config, seed: 1).UsePrecision(Precision);
        _model.eval();
        Console.WriteLine($"// {Precision}: {_set.Batches.Count} batches of 64x123, {_set.PredictedTokens} predicted positions, one torch thread");
    }

    [Benchmark(Baseline = true)]
    public double CrossEntropy()
    {
        using var noGrad = no_grad();
        double sum = 0;
        foreach (var batch in _set.Batches)
        {
            using var scope = NewDisposeScope();
            long[] shape = [batch.BatchSize, batch.SequenceLength];
            var loss = _model.MaskedLmLoss(tensor(batch.InputIds, shape), tensor(batch.AttentionMask, shape), tensor(batch.Labels, shape));
            sum += loss.item<float>() * (double)batch.PredictedTokens;
        }

        return sum / _set.PredictedTokens;
    }

    [Benchmark]
    public double ByInputKind() => FrozenEncoder.MaskedLmLossByInput(_model, _set).Loss;

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        set_num_threads(_threads);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// The main job's frozen-encoder metrics on its LOGO-family model, one torch thread, per precision:
/// <c>MaskedLmLoss</c> — M1 of one masking: 500 real 126-base chr2 rows with k-mer-span masks in batches of 64;
/// <c>Features</c> — M2's encoding: 1,000 real 70-base rows, mean-pooled last hidden states, batches of 256.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FrozenEncoderBenchmarks
{
    private BertForMaskedLM _model = null!;
    private MaskedEvaluationSet _set = null!;
    private string[] _sequences = null!;
    private int _threads;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _threads = get_num_threads();
        set_num_threads(1);
        var bases = ModelBenchmarkData.ChromosomeBases(500 * 126);
        _set = ModelBenchmarkData.KmerSpanSet(bases, 500);
        _sequences = [.. Enumerable.Range(0, 1000).Select(r => bases.Substring(r * 62, 70))];
        _model = BertForMaskedLM.Create(ComparisonSteps.Config, seed: 1).UsePrecision(Precision);
    }

    [Benchmark]
    public double MaskedLmLoss() => FrozenEncoder.MaskedLmLoss(_model, _set);

    [Benchmark]
    public float Features() => FrozenEncoder.Features(_model, _sequences).Values[0];

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        set_num_threads(_threads);
    }
}

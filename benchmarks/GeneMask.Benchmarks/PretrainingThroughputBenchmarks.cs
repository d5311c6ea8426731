using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GeneMask.Models.TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// Tokens per second of the main job's pretraining step against rows per step (throughput only: whether larger batches
/// at a scaled learning rate reach the same loss per token sooner is a training question). The step of
/// <see cref="ComparisonSteps"/> with 8 to 64 real 126-base rows (123 tokens each), one torch thread; tokens per second =
/// rows × 123 ÷ mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class PretrainingThroughputBenchmarks
{
    private ComparisonSteps _steps = null!;
    private int _threads;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed)]
    public ModelPrecision Precision { get; set; }

    [Params(8, 16, 32, 64)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _threads = get_num_threads();
        set_num_threads(1);
        _steps = new ComparisonSteps(Precision, Rows);
        Console.WriteLine(FormattableString.Invariant($"// {Precision}, {Rows} rows: {_steps.Ids.shape[0] * _steps.Ids.shape[1]} tokens, {_steps.PredictedTokens} predicted, {_steps.PretrainingFlops / 1e9:F2} model GFLOP per step"));
    }

    [Benchmark]
    public float PretrainingStep() => _steps.PretrainingStep();

    [GlobalCleanup]
    public void Cleanup()
    {
        _steps.Dispose();
        set_num_threads(_threads);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// The two training steps of the main job (<see cref="ComparisonSteps"/>) with one torch thread, as each of its workers
/// computes, and their yardsticks measured in the same run: <c>…Matmuls</c> runs only the step's matrix products at the
/// step's shapes in the compute dtype (<see cref="StepMatmuls"/>: the model FLOPs at LibTorch's matrix-product rate).
/// <c>Optimizer…</c> compares the AdamW step alone (the model's 3.8 M parameters, gradients set): TorchSharp's
/// <c>optim.AdamW</c> against <see cref="OptimizerSetup.CreateAdamW"/>'s fused pass.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 4)]
public class ComparisonStepBenchmarks
{
    private ComparisonSteps _steps = null!;
    private StepMatmuls _pretrainingMatmuls = null!;
    private StepMatmuls _fewShotMatmuls = null!;
    private AdamW _torchSharpAdamW = null!;
    private int _threads;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _threads = get_num_threads();
        set_num_threads(1);
        _steps = new ComparisonSteps(Precision);
        var config = ComparisonSteps.Config;
        var dtype = Precision.ComputeScalarType() ?? Precision.ToScalarType();
        _pretrainingMatmuls = StepMatmuls.Pretraining(config, (int)_steps.Ids.shape[0], (int)_steps.Ids.shape[1], _steps.PredictedTokens, dtype);
        _fewShotMatmuls = StepMatmuls.Classification(config, (int)_steps.ShotIds.shape[0], (int)_steps.ShotIds.shape[1], 2, dtype);
        _torchSharpAdamW = optim.AdamW(_steps.MaskedParameters, 1e-3, 0.9, 0.999, 1e-8, 0.01);

        // The optimizer benchmarks step on gradients that exist.
        using (var loss = _steps.PretrainingLoss())
        {
            loss.backward();
        }

        Console.WriteLine(FormattableString.Invariant(
            $"// {Precision}: pretraining {_steps.Ids.shape[0]}x{_steps.Ids.shape[1]} ({_steps.PredictedTokens} predicted, {_steps.PretrainingFlops / 1e9:F2} model GFLOP), few-shot {_steps.ShotIds.shape[0]}x{_steps.ShotIds.shape[1]} ({_steps.FewShotFlops / 1e9:F3} GFLOP), products in {dtype}, one torch thread"));
    }

    [Benchmark]
    public float PretrainingStep() => _steps.PretrainingStep();

    [Benchmark]
    public void PretrainingMatmuls() => _pretrainingMatmuls.Run();

    [Benchmark]
    public float FewShotStep() => _steps.FewShotStep();

    [Benchmark]
    public void FewShotMatmuls() => _fewShotMatmuls.Run();

    [Benchmark]
    public void OptimizerTorchSharp() => _torchSharpAdamW.step();

    [Benchmark]
    public void OptimizerFused() => _steps.MaskedOptimizer.step();

    [GlobalCleanup]
    public void Cleanup()
    {
        _torchSharpAdamW.Dispose();
        _pretrainingMatmuls.Dispose();
        _fewShotMatmuls.Dispose();
        _steps.Dispose();
        set_num_threads(_threads);
    }
}

using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/GeneMask.Benchmarks -- --filter '*Name*'
// Training-curve comparison of the precisions (a measurement, not a benchmark): -- precision-curves [steps] [output]
// Where a training step's time goes, part by part (a stopwatch profile, not a benchmark): -- profile [repetitions] [precisions]
// The frozen-encoder metrics of a trained model in float32 and bf16-mixed: -- frozen-precision <model folder> <corpus folder>
if (args.Length > 0 && args[0] == "precision-curves")
{
    return GeneMask.Benchmarks.PrecisionCurves.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile")
{
    return GeneMask.Benchmarks.StepProfile.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "frozen-precision")
{
    return GeneMask.Benchmarks.FrozenPrecision.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(GeneMask.Benchmarks.BenchmarkData).Assembly).Run(args);
return 0;

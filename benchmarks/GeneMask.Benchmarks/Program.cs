using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/GeneMask.Benchmarks -- --filter '*Name*'
BenchmarkSwitcher.FromAssembly(typeof(GeneMask.Benchmarks.BenchmarkData).Assembly).Run(args);

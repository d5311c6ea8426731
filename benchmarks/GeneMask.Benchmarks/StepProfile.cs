using System.Diagnostics;
using System.Globalization;
using System.Text;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// Where the time of the main job's two training steps goes (<see cref="ComparisonSteps"/>), part by part: embeddings,
/// projections, attention, GELU, LayerNorms, the masked-LM head and loss, backward of each, clipping, AdamW. Not a
/// BenchmarkDotNet benchmark: parts are timed inside one process by the thread's CPU time (<see cref="PartRecorder"/>,
/// <see cref="ThreadCpuClock"/>: other processes' time slices on a shared machine do not count), one torch thread,
/// medians over many repetitions; the whole step and the step's matrix products alone
/// (<see cref="StepMatmuls"/>) are timed in the same loop, interleaved, as the check and the yardstick. Run it with
/// <c>dotnet run -c Release --project benchmarks/GeneMask.Benchmarks -- profile [repetitions] [Fp32|Bf16Mixed …]</c>.
/// </summary>
internal static class StepProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var repetitions = args.Length > 0 ? int.Parse(args[0], Inv) : 40;
        ModelPrecision[] precisions = args.Length > 1 ? [.. args[1..].Select(Enum.Parse<ModelPrecision>)] : [ModelPrecision.Fp32, ModelPrecision.Bf16Mixed];
        set_num_threads(1);
        var report = new StringBuilder();
        report.AppendLine(Inv, $"Step profile, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Cpu()}, one torch thread, {repetitions} repetitions (medians of {(ThreadCpuClock.IsThreadCpuTime ? "thread CPU time" : "wall time")}); load before: {Load()}");
        foreach (var precision in precisions)
        {
            using var steps = new ComparisonSteps(precision);
            var compute = precision.ComputeScalarType() ?? precision.ToScalarType();
            var config = ComparisonSteps.Config;
            using var pretrainingMatmuls = StepMatmuls.Pretraining(config, (int)steps.Ids.shape[0], (int)steps.Ids.shape[1], steps.PredictedTokens, compute);
            using var fewShotMatmuls = StepMatmuls.Classification(config, (int)steps.ShotIds.shape[0], (int)steps.ShotIds.shape[1], 2, compute);
            using var pretraining = new Samples(config, steps.Ids.shape[0] * steps.Ids.shape[1], compute);
            using var fewShot = new Samples(config, steps.ShotIds.shape[0] * steps.ShotIds.shape[1], compute);
            for (var r = -5; r < repetitions; r++)
            {
                // Interleaved, so that the machine's load falls alike on every measurement.
                var keep = r >= 0;
                pretraining.AddWhole(Time(() => steps.PretrainingStep()), keep);
                pretraining.AddMatmuls(Time(pretrainingMatmuls.Run), keep);
                pretraining.AddProduct(keep);
                pretraining.AddParts(ProfileStep(steps.MaskedOptimizer, steps.MaskedParameters, steps.PretrainingLoss), keep);
                fewShot.AddWhole(Time(() => steps.FewShotStep()), keep);
                fewShot.AddMatmuls(Time(fewShotMatmuls.Run), keep);
                fewShot.AddProduct(keep);
                fewShot.AddParts(ProfileStep(steps.ClassifierOptimizer, steps.ClassifierParameters, () => StepParts.End("classification loss", steps.FewShotLoss())), keep);
            }

            var parameters = steps.MaskedParameters.Sum(p => p.numel());
            var size = compute == ScalarType.Float32 ? 4 : 2;
            report.AppendLine();
            report.AppendLine(Inv, $"### Pretraining step, {precision} ({steps.Ids.shape[0]} × {steps.Ids.shape[1]} tokens, {steps.PredictedTokens} predicted)");
            report.Append(pretraining.Table(
                new StepPartCosts(config, steps.Ids.shape[0], steps.Ids.shape[1], steps.PredictedTokens, size, pretraining.StreamBytes, parameters),
                steps.PretrainingFlops,
                pretrainingMatmuls.Flops,
                compute));
            report.AppendLine();
            report.AppendLine(Inv, $"### Few-shot step, {precision} ({steps.ShotIds.shape[0]} × {steps.ShotIds.shape[1]} tokens, dropout 0.1)");
            report.Append(fewShot.Table(
                new StepPartCosts(config, steps.ShotIds.shape[0], steps.ShotIds.shape[1], 0, size, fewShot.StreamBytes, steps.ClassifierParameters.Sum(p => p.numel())),
                steps.FewShotFlops,
                fewShotMatmuls.Flops,
                compute));
        }

        report.AppendLine();
        report.AppendLine(Inv, $"Load after: {Load()}");
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>One step with every part timed: zeroing, forward and backward per part, clipping, AdamW.</summary>
    private static PartRecorder ProfileStep(OptimizerHelper optimizer, Parameter[] parameters, Func<Tensor> loss)
    {
        var recorder = new PartRecorder();
        using var scope = NewDisposeScope();
        var start = ThreadCpuClock.Now();
        optimizer.zero_grad();
        recorder.Add("zero gradients", ThreadCpuClock.Now() - start, 0, 1);
        Tensor value;
        using (StepParts.Observe(recorder))
        {
            recorder.Start();
            value = loss();
        }

        recorder.Backward();
        start = ThreadCpuClock.Now();
        nn.utils.clip_grad_norm_(parameters, 1.0);
        recorder.Add("clip gradients", ThreadCpuClock.Now() - start, 0, 1);
        start = ThreadCpuClock.Now();
        optimizer.step();
        recorder.Add("AdamW", ThreadCpuClock.Now() - start, 0, 1);
        value.item<float>();
        return recorder;
    }

    /// <summary>The thread CPU time of <paramref name="action"/>, and its wall time.</summary>
    private static (double Cpu, double Wall) Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        var start = ThreadCpuClock.Now();
        action();
        return (ThreadCpuClock.Now() - start, clock.Elapsed.TotalMilliseconds);
    }

    private static string Cpu()
    {
        var lines = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : [];
        var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var flags = lines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(':', 2)[1].Split(' ') ?? [];
        var units = flags.Where(f => f is "avx512_bf16" or "amx_bf16" or "amx_tile").ToArray();
        return $"{model} ({Environment.ProcessorCount} cores; {(units.Length == 0 ? "no bf16 instructions" : string.Join(", ", units))})";
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The repetitions of one step.</summary>
    private sealed class Samples(BertConfig config, long tokens, ScalarType compute) : IDisposable
    {
        private readonly List<double> _whole = [];
        private readonly List<double> _wholeWall = [];
        private readonly List<double> _matmuls = [];
        private readonly List<double> _product = [];
        private readonly Tensor _input = randn(tokens, config.HiddenSize).to_type(compute);
        private readonly Tensor _weight = randn(config.IntermediateSize, config.HiddenSize).Times(1.0 / 16).to_type(compute);
        private readonly List<string> _order = [];
        private readonly Dictionary<string, (List<double> Forward, List<double> Backward, int Count)> _parts = new(StringComparer.Ordinal);

        public int StreamBytes { get; private set; } = 4;

        public void AddWhole((double Cpu, double Wall) ms, bool keep)
        {
            if (keep)
            {
                _whole.Add(ms.Cpu);
                _wholeWall.Add(ms.Wall);
            }
        }

        public void AddMatmuls((double Cpu, double Wall) ms, bool keep)
        {
            if (keep)
            {
                _matmuls.Add(ms.Cpu);
            }
        }

        /// <summary>Times one product of the FFN's up-projection shape, [tokens × hidden] · [hidden × intermediate].</summary>
        public void AddProduct(bool keep)
        {
            var ms = Time(() => nn.functional.linear(_input, _weight).Dispose());
            if (keep)
            {
                _product.Add(ms.Cpu);
            }
        }

        public void Dispose()
        {
            _input.Dispose();
            _weight.Dispose();
        }

        public void AddParts(PartRecorder recorder, bool keep)
        {
            using (recorder)
            {
                if (!keep)
                {
                    return;
                }

                StreamBytes = (int)recorder.ElementSizes.GetValueOrDefault("embeddings LayerNorm", 4);
                foreach (var part in recorder.Order)
                {
                    var (forward, backward, count) = recorder.Times[part];
                    if (!_parts.TryGetValue(part, out var lists))
                    {
                        _order.Add(part);
                        lists = ([], [], count);
                        _parts[part] = lists;
                    }

                    lists.Forward.Add(forward);
                    lists.Backward.Add(backward);
                }
            }
        }

        public string Table(StepPartCosts costs, double modelFlops, double matmulFlops, ScalarType compute)
        {
            var text = new StringBuilder();
            text.AppendLine("| part | × | forward ms | backward ms | total ms | share | GFLOP | GFLOP/s | MB | GB/s |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var totals = _order.ToDictionary(p => p, p => Median(_parts[p].Forward.Zip(_parts[p].Backward, (f, b) => f + b)), StringComparer.Ordinal);
            var sum = totals.Values.Sum();
            foreach (var part in _order)
            {
                var (forward, backward, count) = _parts[part];
                var (flops, bytes) = costs.Total(part, count);
                var total = totals[part];
                text.AppendLine(Inv, $"| {part} | {count} | {Median(forward):F2} | {Median(backward):F2} | {total:F2} | {100 * total / sum:F1} % | {(flops > 0 ? (flops / 1e9).ToString("F3", Inv) : "—")} | {(flops > 0 ? (flops / 1e6 / total).ToString("F0", Inv) : "—")} | {bytes / 1e6:F1} | {bytes / 1e6 / total:F1} |");
            }

            var whole = Median(_whole);
            var matmuls = Median(_matmuls);
            text.AppendLine(Inv, $"| **sum of parts** | | {totals.Keys.Sum(p => Median(_parts[p].Forward)):F2} | {totals.Keys.Sum(p => Median(_parts[p].Backward)):F2} | **{sum:F2}** | 100 % | {modelFlops / 1e9:F3} | {modelFlops / 1e6 / sum:F0} | | |");
            text.AppendLine();
            var product = Median(_product);
            var productFlops = 2.0 * tokens * config.HiddenSize * config.IntermediateSize;
            text.AppendLine(Inv, $"Whole step (no marks), median: **{whole:F2} ms** (wall {Median(_wholeWall):F2} ms) → {modelFlops / 1e6 / whole:F0} model GFLOP/s. The step's matrix products alone in {compute} (same shapes, same FLOPs): {matmuls:F2} ms → {matmulFlops / 1e6 / matmuls:F0} GFLOP/s; the step reaches **{100 * matmuls / whole:F0} %** of that rate. One product of the FFN's shape ({tokens} × {config.HiddenSize} · {config.HiddenSize} × {config.IntermediateSize}, forward): {product:F3} ms → {productFlops / 1e6 / product:F0} GFLOP/s.");
            return text.ToString();
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;

namespace GeneMask.Benchmarks;

/// <summary>
/// Does mixed precision train the same? The same LOGO-family pretraining (the calibration run of the reference notes:
/// 2 layers, hidden 256, 8 heads, intermediate 1,024, 128 positions; full-length 126-base chunks of the chr2 slice;
/// k-mer-span masking; batch 16; lr 1e-3, 5 % warm-up) in fp32, bf16-mixed and pure bf16 from one seed, plus fp32 from
/// a second seed: the seed-to-seed spread of fp32 is the yardstick for the precision differences. Not a
/// BenchmarkDotNet benchmark (it is a training run); run it with
/// <c>dotnet run -c Release --project benchmarks/GeneMask.Benchmarks -- precision-curves [steps] [output folder] [run index]</c>:
/// with a run index (0 … 3) only that run is trained (so the four can run as separate processes), without one the
/// missing runs are trained and the comparison table is written.
/// </summary>
internal static class PrecisionCurves
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var steps = args.Length > 0 ? long.Parse(args[0], inv) : 600;
        var output = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "genemask-precision-curves");
        Directory.CreateDirectory(output);
        var corpusDirectory = Path.Combine(output, "corpus");
        if (!File.Exists(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile)))
        {
            new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 126, FullLengthProbability = 1.0, Seed = 7 })
                .Build([BenchmarkData.Path("genomes", "hg38_chr2_1-2333275.fa.gz")], corpusDirectory);
        }

        using var train = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.ValidationTokensFile));
        var config = BertConfig.LogoOriginal with { MaxPositions = 128 };
        var runs = new (string Name, ModelPrecision Precision, long Seed)[]
        {
            ("fp32", ModelPrecision.Fp32, 42),
            ("bf16-mixed", ModelPrecision.Bf16Mixed, 42),
            ("bf16 (pure)", ModelPrecision.Bf16, 42),
            ("fp32, seed 43", ModelPrecision.Fp32, 43),
        };
        var only = args.Length > 2 ? int.Parse(args[2], inv) : -1;
        if (only >= 0)
        {
            // The runs go as parallel processes on a small machine: one torch thread each avoids oversubscription.
            TorchSharp.torch.set_num_threads(1);
        }

        var curves = new List<(string Name, double SecondsPerStep, IReadOnlyList<ValidationResult> Validations, double FinalTrainLoss)>();
        Console.WriteLine($"{train.RowCount} training rows, {validation.RowCount} validation rows; {steps} steps per run; load: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var index = 0; index < runs.Length; index++)
        {
            var (name, precision, seed) = runs[index];
            var saved = Path.Combine(output, $"run-{index}.json");
            if (only >= 0 && index != only)
            {
                continue;
            }

            if (only < 0 && File.Exists(saved))
            {
                var record = System.Text.Json.JsonSerializer.Deserialize<SavedRun>(File.ReadAllText(saved))!;
                curves.Add((record.Name, record.SecondsPerStep, record.Validations, record.FinalTrainLoss));
                continue;
            }

            var options = new PretrainingOptions
            {
                MaxSteps = steps,
                BatchSize = 16,
                LearningRate = 1e-3,
                WarmupSteps = steps / 20,
                MaxSequenceLength = 128,
                EvaluationInterval = Math.Max(1, steps / 6),
                MaxValidationRows = 256,
                CheckpointInterval = 0,
                OutputDirectory = Path.Combine(output, name.Replace(' ', '-').Replace(",", string.Empty, StringComparison.Ordinal).Replace("(", string.Empty, StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal)),
                Resume = false,
                Seed = seed,
                Precision = precision,
            };
            if (Directory.Exists(options.OutputDirectory))
            {
                Directory.Delete(options.OutputDirectory, recursive: true);
            }

            using var model = BertForMaskedLM.Create(config, seed);
            var clock = Stopwatch.StartNew();
            var result = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options))
                .Train(model, train, validation, new ConstantCurriculum(new KmerSpanMasking()));
            var seconds = clock.Elapsed.TotalSeconds / steps;
            var finalTrainLoss = result.Steps.TakeLast(20).Average(s => s.Loss);
            curves.Add((name, seconds, result.Validations, finalTrainLoss));
            File.WriteAllText(saved, System.Text.Json.JsonSerializer.Serialize(new SavedRun(name, seconds, [.. result.Validations], finalTrainLoss)));
            Console.WriteLine(string.Create(inv, $"{name}: {seconds:F3} s/step (evaluations included), validation {string.Join(" → ", result.Validations.Select(v => v.Loss.ToString("F3", inv)))}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        }

        if (only >= 0)
        {
            return 0;
        }

        var report = new StringBuilder();
        report.AppendLine(inv, $"| step | {string.Join(" | ", curves.Select(c => c.Name))} | bf16-mixed − fp32 | bf16 − fp32 | fp32 seed 43 − seed 42 |");
        report.AppendLine(inv, $"|---:|{string.Concat(curves.Select(_ => "---:|"))}---:|---:|---:|");
        for (var i = 0; i < curves[0].Validations.Count; i++)
        {
            var v = curves.Select(c => c.Validations[i].Loss).ToArray();
            report.AppendLine(inv, $"| {curves[0].Validations[i].Step} | {string.Join(" | ", v.Select(x => x.ToString("F4", inv)))} | {v[1] - v[0]:+0.0000;-0.0000} | {v[2] - v[0]:+0.0000;-0.0000} | {v[3] - v[0]:+0.0000;-0.0000} |");
        }

        double MaxGap(int a, int b, int skip) => curves[a].Validations.Skip(skip).Zip(curves[b].Validations.Skip(skip)).Max(p => Math.Abs(p.First.Loss - p.Second.Loss));
        report.AppendLine();
        report.AppendLine(inv, $"Max |Δ validation loss| from the second evaluation on: bf16-mixed {MaxGap(1, 0, 1):F4}, pure bf16 {MaxGap(2, 0, 1):F4}, fp32 seed-to-seed {MaxGap(3, 0, 1):F4} nats.");
        report.AppendLine(inv, $"Mean training loss of the last 20 steps: {string.Join(", ", curves.Select(c => $"{c.Name} {c.FinalTrainLoss:F4}"))}.");
        report.AppendLine(inv, $"Seconds per step (wall, evaluations included; the machine is shared): {string.Join(", ", curves.Select(c => $"{c.Name} {c.SecondsPerStep:F3}"))}.");
        var text = report.ToString();
        File.WriteAllText(Path.Combine(output, "precision-curves.md"), text);
        Console.WriteLine(text);
        return 0;
    }

    private sealed record SavedRun(string Name, double SecondsPerStep, ValidationResult[] Validations, double FinalTrainLoss);
}

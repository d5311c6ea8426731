using System.Diagnostics;
using System.Globalization;
using System.Text;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// How much do the main job's frozen-encoder metrics change when computed in bf16-mixed instead of float32? A trained
/// model is scored both ways on the comparison's inputs: M1, the masked-LM loss of 500 validation rows under random-token,
/// k-mer-span and global-PMI masks (batches of 64); M2, the linear probe's accuracy on Prom-core (2,000 pool rows, 3,000
/// test rows) and Splice-40 (1,500 / 2,500), with features encoded in each precision. Not a benchmark (the times it prints
/// are one pass each); run it with
/// <c>dotnet run -c Release --project benchmarks/GeneMask.Benchmarks -- frozen-precision &lt;model folder&gt; &lt;corpus folder&gt;</c>,
/// e.g. on the fp32 model and the corpus of a <c>precision-curves</c> run.
/// </summary>
internal static class FrozenPrecision
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: frozen-precision <model folder> <corpus folder with validation.tokens>");
            return 2;
        }

        set_num_threads(1);
        using var validation = TokenCorpus.Open(Path.Combine(args[1], PretrainingCorpusBuilder.ValidationTokensFile));
        var rows = Enumerable.Range(0, 500).Select(r => validation.GetRow(r)).ToList();
        var collator = new MlmCollator(new MlmCollatorOptions { K = 6, MaxSequenceLength = 123, Seed = 20_240_101 });
        IMaskingStrategy[] strategies = [new RandomTokenMasking(), new KmerSpanMasking(), new GlobalPmiMasking(PmiTable.LoadDefault())];
        var sets = strategies.Select((s, i) => MaskedEvaluationSet.Create(i.ToString(Inv), rows, collator, MaskingPhase.Of(s), 64)).ToArray();

        var prom = TaskLoader.ReadSplit(TaskCatalog.FewShotPromCore, BenchmarkData.Root, TaskSplit.Test);
        var permutation = Enumerable.Range(0, prom.Count).ToArray();
        new SeededRandom(42).Shuffle(permutation.AsSpan()); // the comparison's cut (ComparisonTasks.Read, seed 42)
        var pool = permutation.Take(2_000).Select(i => prom[i]).ToList();
        var poolSequences = pool.Select(p => p.Bases).ToHashSet(StringComparer.Ordinal);
        var promTest = permutation.Skip(2_000).Select(i => prom[i]).Where(r => !poolSequences.Contains(r.Bases)).Take(3_000).ToList();
        var spliceTrain = TaskLoader.ReadFixture(TaskCatalog.FewShotSplice40, BenchmarkData.Root, 50).Take(1_500).ToList();
        var spliceSeen = spliceTrain.Select(p => p.Bases).ToHashSet(StringComparer.Ordinal);
        var spliceTest = TaskLoader.ReadSplit(TaskCatalog.FewShotSplice40, BenchmarkData.Root, TaskSplit.Test).Where(r => !spliceSeen.Contains(r.Bases)).Take(2_500).ToList();

        using var model = BertForMaskedLM.FromPretrained(args[0]);
        var report = new StringBuilder();
        report.AppendLine(Inv, $"Frozen metrics of {args[0]} in float32 and bf16-mixed, one torch thread, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {File.ReadAllText("/proc/loadavg").Trim()}");
        report.AppendLine();
        report.AppendLine("| metric | Fp32 | Bf16Mixed | difference |");
        report.AppendLine("|---|---:|---:|---:|");
        string[] names = ["random-token", "kmer-span", "global-pmi"];
        var seconds = new Dictionary<ModelPrecision, (double M1, double M2)>();
        var losses = new Dictionary<ModelPrecision, double[]>();
        var probes = new Dictionary<ModelPrecision, (double Accuracy, int[] Predicted)[]>();
        var features = new Dictionary<ModelPrecision, FeatureMatrix>();
        (double Accuracy, int[] Predicted)[] rounded = [];
        (double Accuracy, int[] Predicted)[] twoThreads = [];
        foreach (var precision in new[] { ModelPrecision.Fp32, ModelPrecision.Bf16Mixed })
        {
            model.UsePrecision(precision);
            var clock = Stopwatch.StartNew();
            losses[precision] = [.. sets.Select(s => FrozenEncoder.MaskedLmLoss(model, s))];
            var m1 = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var promTrain = FrozenEncoder.Features(model, [.. pool.Select(p => p.Bases)]);
            var promTestFeatures = FrozenEncoder.Features(model, [.. promTest.Select(p => p.Bases)]);
            var spliceTrainFeatures = FrozenEncoder.Features(model, [.. spliceTrain.Select(p => p.Bases)], FeaturePooling.MeanAndCentre);
            var spliceTestFeatures = FrozenEncoder.Features(model, [.. spliceTest.Select(p => p.Bases)], FeaturePooling.MeanAndCentre);
            seconds[precision] = (m1, clock.Elapsed.TotalSeconds);
            features[precision] = promTestFeatures;
            if (precision == ModelPrecision.Fp32)
            {
                // Two yardsticks of float32 rounding alone: the same features computed with two torch threads (other
                // summation orders), and the float32 features merely rounded to bf16.
                set_num_threads(2);
                twoThreads =
                [
                    Probe(FrozenEncoder.Features(model, [.. pool.Select(p => p.Bases)]), pool, FrozenEncoder.Features(model, [.. promTest.Select(p => p.Bases)]), promTest, 2),
                    Probe(FrozenEncoder.Features(model, [.. spliceTrain.Select(p => p.Bases)], FeaturePooling.MeanAndCentre), spliceTrain, FrozenEncoder.Features(model, [.. spliceTest.Select(p => p.Bases)], FeaturePooling.MeanAndCentre), spliceTest, 3),
                ];
                set_num_threads(1);

                rounded =
                [
                    Probe(RoundToBf16(promTrain), pool, RoundToBf16(promTestFeatures), promTest, 2),
                    Probe(RoundToBf16(spliceTrainFeatures), spliceTrain, RoundToBf16(spliceTestFeatures), spliceTest, 3),
                ];
            }

            probes[precision] =
            [
                Probe(promTrain, pool, promTestFeatures, promTest, 2),
                Probe(spliceTrainFeatures, spliceTrain, spliceTestFeatures, spliceTest, 3),
            ];
        }

        for (var i = 0; i < names.Length; i++)
        {
            var (a, b) = (losses[ModelPrecision.Fp32][i], losses[ModelPrecision.Bf16Mixed][i]);
            report.AppendLine(Inv, $"| M1 {names[i]} (nats, {sets[i].PredictedTokens} predicted tokens) | {a:F5} | {b:F5} | {b - a:+0.00000;-0.00000} |");
        }

        string[] tasks = ["Prom-core", "Splice-40"];
        for (var t = 0; t < tasks.Length; t++)
        {
            var (a, b) = (probes[ModelPrecision.Fp32][t], probes[ModelPrecision.Bf16Mixed][t]);
            var changed = a.Predicted.Zip(b.Predicted).Count(p => p.First != p.Second);
            report.AppendLine(Inv, $"| M2 {tasks[t]} probe accuracy ({a.Predicted.Length} test rows) | {a.Accuracy:F4} | {b.Accuracy:F4} | {b.Accuracy - a.Accuracy:+0.0000;-0.0000} ({changed} predictions differ) |");
            var two = twoThreads[t];
            report.AppendLine(Inv, $"| M2 {tasks[t]}, float32 features on two torch threads | {a.Accuracy:F4} | {two.Accuracy:F4} (fp32) | {two.Accuracy - a.Accuracy:+0.0000;-0.0000} ({a.Predicted.Zip(two.Predicted).Count(p => p.First != p.Second)} predictions differ) |");
            var r = rounded[t];
            report.AppendLine(Inv, $"| M2 {tasks[t]}, float32 features rounded to bf16 | {a.Accuracy:F4} | {r.Accuracy:F4} (rounded) | {r.Accuracy - a.Accuracy:+0.0000;-0.0000} ({a.Predicted.Zip(r.Predicted).Count(p => p.First != p.Second)} predictions differ) |");
        }

        var f32 = features[ModelPrecision.Fp32].Values;
        var bf = features[ModelPrecision.Bf16Mixed].Values;
        var maxAbs = f32.Zip(bf).Max(p => Math.Abs(p.First - p.Second));
        var scale = f32.Max(Math.Abs);
        report.AppendLine(Inv, $"| Prom-core test features: max \\|difference\\| (largest \\|feature\\| {scale:F3}) | | | {maxAbs:F4} |");
        report.AppendLine(Inv, $"| seconds, M1 (3 × 500 rows) / M2 encoding (9,000 rows) | {seconds[ModelPrecision.Fp32].M1:F1} / {seconds[ModelPrecision.Fp32].M2:F1} | {seconds[ModelPrecision.Bf16Mixed].M1:F1} / {seconds[ModelPrecision.Bf16Mixed].M2:F1} | |");
        Console.WriteLine(report);
        return 0;
    }

    private static FeatureMatrix RoundToBf16(FeatureMatrix features)
    {
        using var values = tensor(features.Values);
        using var rounded = values.to_type(ScalarType.BFloat16).to_type(ScalarType.Float32);
        return features with { Values = rounded.data<float>().ToArray() };
    }

    private static (double Accuracy, int[] Predicted) Probe(FeatureMatrix train, IReadOnlyList<LabelledSequence> trainRows, FeatureMatrix test, List<LabelledSequence> testRows, int classes)
    {
        var predicted = LogisticRegressionProbe.FitPredict(train, [.. trainRows.Select(r => r.Label)], test, classes);
        return (predicted.Zip(testRows).Count(p => p.First == p.Second.Label) / (double)testRows.Count, predicted);
    }
}

using GeneMask.Evaluation;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Probing;
using TorchSharp;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// M1 and M2 on a frozen encoder: its masked-LM loss on the same validation rows under the three fixed maskings, and a
/// linear probe of its features (mean-pooled for Prom-core, mean and centre for Splice-40) on fixed training and test
/// rows; and M2's baseline, the same probe on bag-of-6-mers counts instead of encoder features.
/// </summary>
internal static class FrozenMetrics
{
    /// <summary>M1 of the model in <paramref name="modelDirectory"/> in <paramref name="precision"/>, M2 on its features in float32.</summary>
    public static FrozenResult Measure(string modelDirectory, ComparisonData data, string device, ModelPrecision precision, CancellationToken token)
    {
        var tasks = data.Tasks;
        using var model = BertForMaskedLM.FromPretrained(modelDirectory);
        model.to(TorchDevices.Resolve(device));
        model.UsePrecision(precision);
        var losses = MaskingComparison.Maskings.ToDictionary(m => m, m => FrozenEncoder.MaskedLmLoss(model, data.Sets[m]), StringComparer.Ordinal);
        token.ThrowIfCancellationRequested();

        // M2's features in float32: bf16 features changed 104 of 2,500 Splice-40 probe predictions, the size of the contrasts measured.
        model.UsePrecision(ModelPrecision.Fp32);
        var promTrain = FrozenEncoder.Features(model, Sequences(tasks.PromPool), FeaturePooling.Mean);
        var promTest = FrozenEncoder.Features(model, Sequences(tasks.PromTest), FeaturePooling.Mean);
        var spliceTrain = FrozenEncoder.Features(model, Sequences(tasks.SpliceTrain), FeaturePooling.MeanAndCentre);
        var spliceTest = FrozenEncoder.Features(model, Sequences(tasks.SpliceTest), FeaturePooling.MeanAndCentre);
        token.ThrowIfCancellationRequested();
        ProbeResult[] probes =
        [
            Score(MaskingComparison.PromCore, LogisticRegressionProbe.FitPredict(promTrain, Labels(tasks.PromPool), promTest, 2), tasks.PromTest),
            Score(MaskingComparison.Splice40, LogisticRegressionProbe.FitPredict(spliceTrain, Labels(tasks.SpliceTrain), spliceTest, 3), tasks.SpliceTest),
        ];
        return new FrozenResult(losses, probes);
    }

    /// <summary>The bag-of-6-mers baseline: the same probe on k-mer frequencies instead of encoder features.</summary>
    public static BaselineResult Baseline(ComparisonTasks tasks) => new(
    [
        Score(MaskingComparison.PromCore, LogisticRegressionProbe.FitPredict(LogisticRegressionProbe.KmerCounts(Sequences(tasks.PromPool)), Labels(tasks.PromPool), LogisticRegressionProbe.KmerCounts(Sequences(tasks.PromTest)), 2), tasks.PromTest),
        Score(MaskingComparison.Splice40, LogisticRegressionProbe.FitPredict(LogisticRegressionProbe.KmerCounts(Sequences(tasks.SpliceTrain)), Labels(tasks.SpliceTrain), LogisticRegressionProbe.KmerCounts(Sequences(tasks.SpliceTest)), 3), tasks.SpliceTest),
    ]);

    private static string[] Sequences(IReadOnlyList<LabelledSequence> rows) => [.. rows.Select(r => r.Bases)];

    private static int[] Labels(IReadOnlyList<LabelledSequence> rows) => [.. rows.Select(r => r.Label)];

    private static ProbeResult Score(string task, int[] predicted, IReadOnlyList<LabelledSequence> test)
    {
        var correct = new byte[test.Count];
        for (var i = 0; i < correct.Length; i++)
        {
            correct[i] = predicted[i] == test[i].Label ? (byte)1 : (byte)0;
        }

        return new ProbeResult(task, correct.Sum(c => (double)c) / correct.Length, correct);
    }
}

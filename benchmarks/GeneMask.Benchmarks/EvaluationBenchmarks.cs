using BenchmarkDotNet.Attributes;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Evaluation.Metrics;

namespace GeneMask.Benchmarks;

/// <summary>Dataset reading, few-shot sampling and scoring on real benchmark data.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private IReadOnlyList<LabelledSequence> _pool = null!;
    private int[] _actual = null!;
    private int[] _predicted = null!;
    private float[] _probabilities = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pool = TaskLoader.ReadSplit(TaskCatalog.PromCoreAll, BenchmarkData.Root, TaskSplit.Train);
        var test = TaskLoader.ReadSplit(TaskCatalog.PromCoreAll, BenchmarkData.Root, TaskSplit.Test);
        var random = new Random(1);
        _actual = [.. test.Select(e => e.Label)];
        _probabilities = new float[_actual.Length * 2];
        _predicted = new int[_actual.Length];
        for (var i = 0; i < _actual.Length; i++)
        {
            var p = (float)Math.Round(random.NextDouble(), 3);
            _probabilities[2 * i] = 1 - p;
            _probabilities[(2 * i) + 1] = p;
            _predicted[i] = p >= 0.5f ? 1 : 0;
        }
    }

    /// <summary>GUE prom_core_all train.csv: 47,356 rows of 70 bp, validated.</summary>
    [Benchmark]
    public int ReadGueCsvPromCoreAllTrain() =>
        DatasetReader.ReadGueCsv(BenchmarkData.Path("gue", "prom", "prom_core_all", "train.csv"), TaskCatalog.PromCoreAll.ReadOptions).Count;

    /// <summary>Few-shot Silencer 50/train.tsv: 1,000 quoted rows of 6-mer text joined back into bases.</summary>
    [Benchmark]
    public int ReadKmerTsvSilencer50() =>
        DatasetReader.ReadKmerTsv(BenchmarkData.Path("fewshot", "Silencer", "50", "train.tsv"), TaskCatalog.FewShotSilencer.ReadOptions).Count;

    /// <summary>1,000 per class from the 47,356-example pool.</summary>
    [Benchmark]
    public int SampleThousandPerClass() => StratifiedSampler.Sample(_pool, 2, 1000, seed: 7).Count;

    /// <summary>All metrics (incl. ROC AUC) on the 5,920-example test split.</summary>
    [Benchmark]
    public double ScorePromCoreAllTest() => ClassificationScores.Compute(_actual, _predicted, 2, _probabilities).Mcc;
}

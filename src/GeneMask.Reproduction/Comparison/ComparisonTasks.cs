using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Infrastructure;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// The labelled data of M2 and M3, fixed before the run: Prom-core's shipped test split cut once, by a seeded
/// permutation, into the training pool (M2 probe, M3 draws) and disjoint test rows (M2; their first rows are M3's test
/// set); Splice-40's n = 50 fixture as the probe's training rows and test rows outside it.
/// </summary>
/// <param name="PromPool">Prom-core's pool.</param>
/// <param name="PromTest">Prom-core's test rows of M2.</param>
/// <param name="SpliceTrain">Splice-40's training rows of the probe.</param>
/// <param name="SpliceTest">Splice-40's test rows.</param>
internal sealed record ComparisonTasks(
    IReadOnlyList<LabelledSequence> PromPool,
    IReadOnlyList<LabelledSequence> PromTest,
    IReadOnlyList<LabelledSequence> SpliceTrain,
    IReadOnlyList<LabelledSequence> SpliceTest)
{
    /// <summary>M3's test rows: the first of M2's Prom-core test rows.</summary>
    public IReadOnlyList<LabelledSequence> FewShotTest(MaskingComparisonOptions options) => [.. PromTest.Take(options.FewShotTestRows)];

    /// <summary>Reads and cuts the tasks from <paramref name="dataRoot"/>.</summary>
    /// <exception cref="ArgumentException">The data cannot serve the options' sizes.</exception>
    public static ComparisonTasks Read(MaskingComparisonOptions o, string dataRoot)
    {
        var prom = TaskLoader.ReadSplit(TaskCatalog.FewShotPromCore, dataRoot, TaskSplit.Test);
        var permutation = Enumerable.Range(0, prom.Count).ToArray();
        new SeededRandom(unchecked((ulong)o.Seed)).Shuffle(permutation.AsSpan());
        var pool = permutation.Take(o.PromCorePoolRows).Select(i => prom[i]).ToList();
        var poolSequences = pool.Select(p => p.Bases).ToHashSet(StringComparer.Ordinal);
        var promTest = permutation.Skip(o.PromCorePoolRows).Select(i => prom[i]).Where(r => !poolSequences.Contains(r.Bases)).Take(o.PromCoreTestRows).ToList();
        Require(pool.Count == o.PromCorePoolRows && promTest.Count == o.PromCoreTestRows, $"Prom-core has {prom.Count} test rows; {o.PromCorePoolRows} pool rows plus {o.PromCoreTestRows} disjoint test rows were asked for.");

        // Splice-40: the probe trains on the n = 50 fixture (1,500 rows) and is scored on test rows not in it.
        var fixture = TaskLoader.ReadFixture(TaskCatalog.FewShotSplice40, dataRoot, 50);
        var spliceTrain = fixture.Take(o.SpliceTrainRows).ToList();
        var spliceSequences = fixture.Select(p => p.Bases).ToHashSet(StringComparer.Ordinal);
        var spliceTest = TaskLoader.ReadSplit(TaskCatalog.FewShotSplice40, dataRoot, TaskSplit.Test).Where(r => !spliceSequences.Contains(r.Bases)).Take(o.SpliceTestRows).ToList();
        Require(spliceTest.Count == o.SpliceTestRows, $"Splice-40 has {spliceTest.Count} test rows outside its training fixture; {o.SpliceTestRows} were asked for.");
        return new ComparisonTasks(pool, promTest, spliceTrain, spliceTest);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            // The data cannot serve the options as given: a problem of the input, not a bug.
            throw new ArgumentException(message);
        }
    }
}

using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Reports;
using GeneMask.Masking;

namespace GeneMask.Reproduction;

/// <summary>
/// A table of the paper the pipeline reproduces, and everything that follows from it: which benchmark evaluates the
/// models (few-shot for Table 4, GUE for Tables 2 and 6), which strategies and how many pretraining steps the paper
/// reports, and which published numbers stand beside the measured ones.
/// </summary>
public sealed class ReproducedTable
{
    private ReproducedTable(int number, BenchmarkSuite benchmark, GueReference gueReference, long paperSteps, int paperEvaluationInterval, IReadOnlyList<string> paperStrategies, IReadOnlyList<string> quickStrategies)
    {
        Number = number;
        Benchmark = benchmark;
        GueReference = gueReference;
        PaperSteps = paperSteps;
        PaperEvaluationInterval = paperEvaluationInterval;
        PaperStrategies = paperStrategies;
        QuickStrategies = quickStrategies;
    }

    /// <summary>Table 2: GUE MCC of models pretrained 10K steps (Global, GeneMask, CM-Step, CM-GEMS).</summary>
    public static ReproducedTable Two { get; } = new(2, BenchmarkSuite.Gue, GueReference.Table2, 10_000, 500,
        [GlobalPmiMasking.StrategyName, GeneMaskMasking.StrategyName, CmStepCurriculum.CurriculumName, CmGemsCurriculum.CurriculumName],
        [KmerSpanMasking.StrategyName, GeneMaskMasking.StrategyName, GlobalPmiMasking.StrategyName, CmGemsCurriculum.CurriculumName]);

    /// <summary>Table 4: few-shot accuracy of models pretrained 10K steps (k-mer spans, GeneMask, Global, CM-Step, CM-GEMS).</summary>
    public static ReproducedTable Four { get; } = new(4, BenchmarkSuite.FewShot, GueReference.Table2, 10_000, 500,
        [KmerSpanMasking.StrategyName, GeneMaskMasking.StrategyName, GlobalPmiMasking.StrategyName, CmStepCurriculum.CurriculumName, CmGemsCurriculum.CurriculumName],
        [KmerSpanMasking.StrategyName, GeneMaskMasking.StrategyName, GlobalPmiMasking.StrategyName, CmGemsCurriculum.CurriculumName]);

    /// <summary>Table 6: GUE MCC of models pretrained 1K steps (GeneMask, CM-Step, CM-GEMS); CM-GEMS evaluates every 100 steps, where 500 could never switch.</summary>
    public static ReproducedTable Six { get; } = new(6, BenchmarkSuite.Gue, GueReference.Table6, 1_000, 100,
        [GeneMaskMasking.StrategyName, CmStepCurriculum.CurriculumName, CmGemsCurriculum.CurriculumName],
        [GeneMaskMasking.StrategyName, CmGemsCurriculum.CurriculumName]);

    /// <summary>The tables the pipeline reproduces.</summary>
    public static IReadOnlyList<ReproducedTable> All { get; } = [Two, Four, Six];

    /// <summary>The table's number in the paper.</summary>
    public int Number { get; }

    /// <summary>The benchmark that evaluates the models: <see cref="BenchmarkSuite.FewShot"/> or <see cref="BenchmarkSuite.Gue"/>.</summary>
    public BenchmarkSuite Benchmark { get; }

    /// <summary>Whether the table reports few-shot accuracy (else GUE MCC).</summary>
    public bool IsFewShot => Benchmark == BenchmarkSuite.FewShot;

    /// <summary>The pretraining steps of the paper's models in this table.</summary>
    public long PaperSteps { get; }

    /// <summary>CM-GEMS's evaluation interval at the paper's scale for this table.</summary>
    public int PaperEvaluationInterval { get; }

    /// <summary>The strategies the paper reports in this table, by catalogue name.</summary>
    public IReadOnlyList<string> PaperStrategies { get; }

    /// <summary>The strategies of the scaled-down preset.</summary>
    public IReadOnlyList<string> QuickStrategies { get; }

    /// <summary>The published GUE reference rows of this table (for Table 4: Table 2's, unused).</summary>
    public GueReference GueReference { get; }

    /// <summary>The evaluation stage of a model, as progress names it (<c>few-shot cm-gems</c>, <c>GUE cm-gems</c>).</summary>
    public string EvaluationStage(string strategy) => (IsFewShot ? "few-shot " : "GUE ") + strategy;

    /// <summary>The table of a number.</summary>
    /// <exception cref="ArgumentException">Not 2, 4 or 6.</exception>
    public static ReproducedTable FromNumber(int number) =>
        All.FirstOrDefault(t => t.Number == number) ?? throw new ArgumentException($"Table {number} is not reproduced; expected 2, 4 or 6.", nameof(number));

    /// <inheritdoc />
    public override string ToString() => "Table " + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// What every piece of a comparison reads, fixed before any arm is pretrained: the task data, the corpus (full-length
/// rows only), M1's validation rows under three fixed maskings, the curve's fixed k-mer-span masks and the context-free
/// losses of the M1 maskings.
/// </summary>
internal sealed class ComparisonData : IDisposable
{
    private ComparisonData(ComparisonTasks tasks, TokenCorpus train, TokenCorpus validation, PmiTable table, IReadOnlyDictionary<string, MaskedEvaluationSet> sets, MaskedEvaluationSet curveSet, IReadOnlyDictionary<string, double> contextFree, GateReference gateReference, IReadOnlyDictionary<string, int> sizes)
    {
        GateReference = gateReference;
        Tasks = tasks;
        Train = train;
        Validation = validation;
        Table = table;
        Sets = sets;
        CurveSet = curveSet;
        ContextFree = contextFree;
        Sizes = sizes;
    }

    public ComparisonTasks Tasks { get; }

    public TokenCorpus Train { get; }

    public TokenCorpus Validation { get; }

    /// <summary>The 6-mer NPMI ranking every PMI arm masks with (the embedded table).</summary>
    public PmiTable Table { get; }

    /// <summary>M1's validation rows under each fixed masking, by masking name.</summary>
    public IReadOnlyDictionary<string, MaskedEvaluationSet> Sets { get; }

    /// <summary>The curve's yardstick: the first validation rows under fixed k-mer-span masks.</summary>
    public MaskedEvaluationSet CurveSet { get; }

    /// <summary>Context-free loss per M1 masking.</summary>
    public IReadOnlyDictionary<string, double> ContextFree { get; }

    /// <summary>The gate's yardsticks on M1's k-mer-span masks: context-free, copy baseline and neighbour oracle.</summary>
    public GateReference GateReference { get; }

    /// <summary>Row counts of the data used.</summary>
    public IReadOnlyDictionary<string, int> Sizes { get; }

    /// <summary>Opens the corpus in <paramref name="corpus"/> and fixes the masks and losses that depend on it.</summary>
    public static ComparisonData Load(MaskingComparisonOptions o, ComparisonTasks tasks, string corpus, PmiTable table)
    {
        var train = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.TrainTokensFile));
        var validation = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.ValidationTokensFile));
        try
        {
            if (validation.RowCount < o.M1Rows || validation.RowCount < o.CurveRows)
            {
                throw new ArgumentException($"The validation corpus has {validation.RowCount} rows; M1Rows = {o.M1Rows} and CurveRows = {o.CurveRows} were asked for.");
            }

            var rows = new List<int[]>(o.M1Rows);
            for (var r = 0; r < o.M1Rows; r++)
            {
                rows.Add(validation.GetRow(r));
            }

            var collator = new MlmCollator(new MlmCollatorOptions { K = KmerTokenizer.DefaultK, MaxSequenceLength = KmerTokenizer.EncodedLength(o.ChunkBases), Seed = o.ValidationMaskSeed });
            var maskings = MaskingComparison.Maskings;
            var strategies = maskings.ToDictionary(m => m, m => MaskingCatalog.GetStrategy(m).Create(table), StringComparer.Ordinal);
            var sets = maskings.ToDictionary(m => m, m => MaskedEvaluationSet.Create(m, rows, collator, MaskingPhase.Of(strategies[m]), 64), StringComparer.Ordinal);
            var kmerSpan = KmerSpanMasking.StrategyName;
            var curve = MaskedEvaluationSet.Create(kmerSpan, rows.Take(o.CurveRows).ToList(), collator, MaskingPhase.Of(strategies[kmerSpan]), 64);
            var frequencies = KmerFrequencies.FromCorpus(train);
            // Each masking is scored once: the full and [MASK]-position context-free losses and the copy baseline.
            var contextFreeScores = maskings.ToDictionary(m => m, m => sets[m].ScoreContextFree(frequencies), StringComparer.Ordinal);
            var copyBaselines = maskings.ToDictionary(m => m, m => sets[m].ScoreCopyBaseline(frequencies).Loss, StringComparer.Ordinal);
            var contextFree = maskings.ToDictionary(m => m, m => contextFreeScores[m].Loss, StringComparer.Ordinal);
            var gateReference = new GateReference(
                kmerSpan,
                contextFreeScores[kmerSpan].MaskTokens,
                contextFreeScores[kmerSpan].MaskTokenLoss,
                copyBaselines[kmerSpan],
                sets[kmerSpan].ScoreNeighbourOracle().MaskTokenLoss,
                curve.ScoreContextFree(frequencies).MaskTokenLoss)
            {
                ContextFreeMaskLosses = maskings.ToDictionary(m => m, m => contextFreeScores[m].MaskTokenLoss, StringComparer.Ordinal),
                CopyBaselineLosses = copyBaselines,
            };
            var sizes = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["corpus_train_rows"] = (int)train.RowCount,
                ["corpus_validation_rows"] = (int)validation.RowCount,
                ["m1_validation_rows"] = rows.Count,
                ["prom_core_pool_rows"] = tasks.PromPool.Count,
                ["prom_core_m2_test_rows"] = tasks.PromTest.Count,
                ["prom_core_m3_test_rows"] = o.FewShotTestRows,
                ["splice_40_train_rows"] = tasks.SpliceTrain.Count,
                ["splice_40_test_rows"] = tasks.SpliceTest.Count,
            };
            foreach (var (name, set) in sets)
            {
                sizes[$"m1_{name.Replace('-', '_')}_predicted_tokens"] = (int)set.PredictedTokens;
            }

            return new ComparisonData(tasks, train, validation, table, sets, curve, contextFree, gateReference, sizes);
        }
        catch
        {
            train.Dispose();
            validation.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}

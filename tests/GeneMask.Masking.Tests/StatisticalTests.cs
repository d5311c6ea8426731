namespace GeneMask.Masking.Tests;

/// <summary>
/// Properties over 10 000 real 510-token rows (human chr2, then E. coli), masked through the collator in batches of 10.
/// Tolerances are 4 standard errors of the mean of the per-row fractions (or of the per-row differences).
/// </summary>
public class StatisticalTests
{
    private const int N = RealRows.Kmers; // maskable positions per row

    private static readonly Lazy<Dictionary<string, Outcome>> Outcomes = new(MaskAll);

    private sealed record Outcome(IMaskingStrategy Strategy, double[] RowFractions, long Predicted, long Masks, long Randoms, long Kept, List<string> Violations, bool[][] RowMasks);

    private static Dictionary<string, Outcome> MaskAll()
    {
        var table = RealRows.Table;
        IMaskingStrategy[] strategies = [new RandomTokenMasking(), new KmerSpanMasking(), new GeneMaskMasking(table), new GlobalPmiMasking(table)];
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 2024, Padding = PaddingMode.Fixed });
        var rows = RealRows.All;
        var result = new Dictionary<string, Outcome>();
        foreach (var strategy in strategies)
        {
            var fractions = new double[rows.Length];
            var rowMasks = new bool[rows.Length][];
            var violations = new List<string>();
            long predicted = 0, masks = 0, randoms = 0, kept = 0;
            var batch = new MlmBatch();
            var input = new KmerRows();
            for (var b = 0; b < rows.Length / 10; b++)
            {
                input.Clear();
                for (var r = 0; r < 10; r++)
                {
                    input.Add(rows[(b * 10) + r]);
                }

                collator.Collate(input, b, MaskingPhase.Of(strategy), batch);
                predicted += batch.PredictedTokens;
                masks += batch.MaskTokenReplacements;
                randoms += batch.RandomReplacements;
                kept += batch.KeptTokens;
                for (var r = 0; r < 10; r++)
                {
                    var labels = batch.Labels.AsSpan(r * 512, 512);
                    var count = 0;
                    for (var i = 0; i < 512; i++)
                    {
                        if (labels[i] != MlmBatch.IgnoreLabel)
                        {
                            count++;
                        }
                    }

                    fractions[(b * 10) + r] = (double)count / N;
                    rowMasks[(b * 10) + r] = batch.Predicted.Slice(r * 512, 512).ToArray();
                    CheckRow(strategy, batch, r, violations);
                }
            }

            result[strategy.Name] = new Outcome(strategy, fractions, predicted, masks, randoms, kept, violations, rowMasks);
        }

        return result;
    }

    /// <summary>Specials never selected, labels right, inputs right, runs of predicted positions contiguous and long enough.</summary>
    private static void CheckRow(IMaskingStrategy strategy, MlmBatch batch, int r, List<string> violations)
    {
        var ids = batch.OriginalIds.Slice(r * 512, 512);
        var labels = batch.Labels.AsSpan(r * 512, 512);
        var inputs = batch.InputIds.AsSpan(r * 512, 512);
        var end = batch.RowLengths[r] - 2;
        if (labels[0] != MlmBatch.IgnoreLabel || labels[end + 1] != MlmBatch.IgnoreLabel || inputs[0] != SpecialTokens.Cls || inputs[end + 1] != SpecialTokens.Sep)
        {
            violations.Add($"batch {batch.BatchIndex} row {r}: [CLS]/[SEP] touched");
        }

        var minimumRun = strategy switch
        {
            KmerSpanMasking or GeneMaskMasking => 6,
            GlobalPmiMasking => 11,
            _ => 1,
        };
        var runStart = -1;
        for (var i = 0; i <= end + 1; i++)
        {
            var predicted = labels[i] != MlmBatch.IgnoreLabel;
            if (predicted)
            {
                if (labels[i] != ids[i])
                {
                    violations.Add($"row {r} pos {i}: label {labels[i]} is not the original id {ids[i]}");
                }

                if (inputs[i] != SpecialTokens.Mask && inputs[i] != ids[i] && inputs[i] < SpecialTokens.Count)
                {
                    violations.Add($"row {r} pos {i}: random replacement {inputs[i]} is a special token");
                }

                if (runStart < 0)
                {
                    runStart = i;
                }
            }
            else
            {
                if (inputs[i] != ids[i])
                {
                    violations.Add($"row {r} pos {i}: unpredicted input changed");
                }

                if (runStart >= 0)
                {
                    var runEnd = i - 1;
                    if (runStart < 1 || runEnd > end || (runEnd - runStart + 1 < minimumRun && runStart != 1 && runEnd != end))
                    {
                        violations.Add($"batch {batch.BatchIndex} row {r}: run {runStart}…{runEnd} outside [1, {end}] or shorter than {minimumRun}");
                    }

                    runStart = -1;
                }
            }
        }
    }

    private static (double Mean, double StandardError) MeanAndError(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    /// <summary>The probability the generator really uses (32-bit threshold).</summary>
    private static double Effective(double p) => Math.Floor(p * 4294967296.0) / 4294967296.0;

    [Test]
    public void Uses_ten_thousand_real_full_length_rows()
    {
        RealRows.All.Should().HaveCount(10_000);
        RealRows.All.Should().OnlyContain(r => r.Length == 510 && r.All(id => id >= SpecialTokens.Count));
    }

    [Test]
    public void RandomToken_predicts_15_percent()
    {
        // Each maskable token independently with p: E = p = 0.15.
        var (mean, se) = MeanAndError(Outcomes.Value["random-token"].RowFractions);
        TestContext.Out.WriteLine($"random-token: measured {mean:F5}, expected 0.15000 ± {4 * se:F5}");
        mean.Should().BeApproximately(Effective(0.15), 4 * se);
    }

    [Test]
    public void KmerSpan_predicts_the_exact_union_of_spans_fraction()
    {
        // Position i is predicted unless all centres that cover it miss: centres c with c−2 ≤ i ≤ c+3, i.e.
        // c ∈ [max(1, i−3), min(n, i+2)] (w_i of them, 6 inside the row). E = (1/n) Σ_i 1 − (1−p)^{w_i}
        // = 0.1406 for n = 510, p = 0.025 (≈ 1 − 0.975^6 = 0.14092 away from the ends; not 6p = 0.15, spans overlap).
        var p = Effective(0.025);
        var expected = Enumerable.Range(1, N).Average(i =>
        {
            var w = Math.Min(N, i + 2) - Math.Max(1, i - 3) + 1;
            return 1 - Math.Pow(1 - p, w);
        });
        var (mean, se) = MeanAndError(Outcomes.Value["kmer-span"].RowFractions);
        TestContext.Out.WriteLine($"kmer-span: measured {mean:F5}, expected {expected:F5} ± {4 * se:F5}");
        expected.Should().BeApproximately(0.1406, 0.0005);
        mean.Should().BeApproximately(expected, 4 * se);
    }

    [Test]
    public void GlobalPmi_masks_the_best_ranked_positions_of_each_row_and_predicts_the_exact_expected_fraction()
    {
        // Given a row, the mask depends only on m ~ Binomial(n, p): E_row = Σ_m P(m) · |∪ windows of the m best| / n.
        // Computed exactly per row from the (rank, position) order; compared with the measured fraction row by row.
        var table = RealRows.Table;
        var p = Effective(0.15 / 11);
        var pmf = new List<double> { Math.Pow(1 - p, N) };
        while (pmf.Count <= N && (pmf.Count < 10 || pmf[^1] > 1e-15))
        {
            var m = pmf.Count - 1;
            pmf.Add(pmf[m] * (N - m) / (m + 1) * p / (1 - p));
        }

        var outcome = Outcomes.Value["global"];
        var differences = new double[RealRows.All.Length];
        var expectedMean = 0.0;
        for (var r = 0; r < RealRows.All.Length; r++)
        {
            var row = Reference.ModelRow(RealRows.All[r]);
            var order = Enumerable.Range(1, N).OrderBy(pos => Reference.Rank(table, row, pos)).ThenBy(pos => pos).ToArray();
            var covered = new bool[N + 2];
            var coverage = 0;
            var expectedRow = 0.0;
            for (var m = 1; m < pmf.Count; m++)
            {
                var b = order[m - 1];
                for (var q = Math.Max(1, b - 5); q <= Math.Min(N, b + 5); q++)
                {
                    if (!covered[q])
                    {
                        covered[q] = true;
                        coverage++;
                    }
                }

                expectedRow += pmf[m] * coverage / N;
            }

            expectedMean += expectedRow / RealRows.All.Length;

            // The row's actual mask must be the widened spans of the m best-ranked positions for some m.
            var mask = outcome.RowMasks[r];
            var target = mask.Count(f => f);
            var union = new bool[512];
            var size = 0;
            for (var m = 0; m < N && size < target; m++)
            {
                var b = order[m];
                for (var q = Math.Max(1, b - 5); q <= Math.Min(N, b + 5); q++)
                {
                    size += union[q] ? 0 : 1;
                    union[q] = true;
                }
            }

            if (!union.AsSpan().SequenceEqual(mask))
            {
                Assert.Fail($"row {r}: the Global mask is not the widened spans of the best-ranked positions");
            }

            differences[r] = outcome.RowFractions[r] - expectedRow;
        }

        var (meanDifference, se) = MeanAndError(differences);
        TestContext.Out.WriteLine($"global: measured {outcome.RowFractions.Average():F5}, expected {expectedMean:F5} (difference {meanDifference:F5} ± {4 * se:F5}); 11p = {11 * p:F5} without overlaps");
        meanDifference.Should().BeApproximately(0, 4 * se);
    }

    [Test]
    public void GeneMask_predicts_the_fraction_of_an_independent_reference_run()
    {
        // No closed form (the widened spans depend on the ranks); nominally 8.5 · p = 15 % before overlaps. The reference
        // implementation, driven by an unrelated generator (System.Random), estimates the expectation on the same rows.
        var table = RealRows.Table;
        var p = Effective(0.15 / 8.5);
        var random = new Random(77);
        var reference = RealRows.All.Select(kmers =>
        {
            var row = Reference.ModelRow(kmers);
            return (double)Reference.GeneMask(table, row, N, Reference.Centres(random, N, p)).Count / N;
        }).ToArray();
        var (expected, seReference) = MeanAndError(reference);
        var (mean, se) = MeanAndError(Outcomes.Value["genemask"].RowFractions);
        var tolerance = 4 * Math.Sqrt((se * se) + (seReference * seReference));
        TestContext.Out.WriteLine($"genemask: measured {mean:F5}, reference {expected:F5} ± {tolerance:F5}");
        mean.Should().BeApproximately(expected, tolerance);
        expected.Should().BeInRange(0.12, 0.15, "overlaps of the 6- and 11-token spans bring 8.5p = 15 % down a little");
    }

    [Test]
    public void Spans_are_contiguous_inside_the_row_and_specials_untouched()
    {
        foreach (var (name, outcome) in Outcomes.Value)
        {
            outcome.Violations.Should().BeEmpty(name);
        }
    }

    [Test]
    public void Replacement_is_80_10_10_with_kmer_ids_only()
    {
        long predicted = 0, masks = 0, randoms = 0;
        foreach (var outcome in Outcomes.Value.Values)
        {
            predicted += outcome.Predicted;
            masks += outcome.Masks;
            randoms += outcome.Randoms;
            (outcome.Masks + outcome.Randoms + outcome.Kept).Should().Be(outcome.Predicted);
        }

        var maskShare = (double)masks / predicted;
        var randomShare = (double)randoms / predicted;
        TestContext.Out.WriteLine($"{predicted} predicted: [MASK] {maskShare:F4}, random {randomShare:F4}, kept {1 - maskShare - randomShare:F4}");
        maskShare.Should().BeApproximately(0.8, 4 * Math.Sqrt(0.8 * 0.2 / predicted));
        randomShare.Should().BeApproximately(0.1, 4 * Math.Sqrt(0.1 * 0.9 / predicted));
    }

    [Test]
    public void Whole_vocabulary_compat_does_insert_special_tokens()
    {
        var collator = new MlmCollator(new MlmCollatorOptions { RandomReplacement = RandomReplacementSource.WholeVocabulary, RandomTokenProbability = 0.2, MaskTokenProbability = 0 });
        var strategy = new RandomTokenMasking();
        var input = new KmerRows();
        var batch = new MlmBatch();
        var specials = 0;
        for (var b = 0; b < 100; b++)
        {
            input.Clear();
            for (var r = 0; r < 10; r++)
            {
                input.Add(RealRows.All[(b * 10) + r]);
            }

            collator.Collate(input, b, MaskingPhase.Of(strategy), batch);
            for (var i = 0; i < batch.ElementCount; i++)
            {
                if (batch.Labels[i] != MlmBatch.IgnoreLabel && batch.InputIds[i] < SpecialTokens.Count)
                {
                    specials++;
                }
            }
        }

        // ≈ 76 500 predicted × 0.2 random × 5/4101 special ≈ 19 expected.
        specials.Should().BeGreaterThan(0);
    }
}

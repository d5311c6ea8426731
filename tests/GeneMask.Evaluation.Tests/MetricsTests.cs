using GeneMask.Evaluation.Metrics;

namespace GeneMask.Evaluation.Tests;

public class MetricsTests
{
    private static (int[] Actual, int[] Predicted) FromMatrix(int[,] m)
    {
        var actual = new List<int>();
        var predicted = new List<int>();
        for (var a = 0; a < m.GetLength(0); a++)
        {
            for (var p = 0; p < m.GetLength(1); p++)
            {
                for (var k = 0; k < m[a, p]; k++)
                {
                    actual.Add(a);
                    predicted.Add(p);
                }
            }
        }

        return ([.. actual], [.. predicted]);
    }

    /// <summary>Slow, independent MCC: Pearson correlation of the one-hot encodings (Gorodkin 2004).</summary>
    private static double OneHotCorrelation(int[] actual, int[] predicted, int classes)
    {
        var n = actual.Length;
        double Cov(int[] x, int[] y)
        {
            double sum = 0;
            for (var k = 0; k < classes; k++)
            {
                var mx = x.Count(v => v == k) / (double)n;
                var my = y.Count(v => v == k) / (double)n;
                for (var i = 0; i < n; i++)
                {
                    sum += ((x[i] == k ? 1 : 0) - mx) * ((y[i] == k ? 1 : 0) - my);
                }
            }

            return sum;
        }

        var denominator = Math.Sqrt(Cov(actual, actual) * Cov(predicted, predicted));
        return denominator == 0 ? 0 : Cov(actual, predicted) / denominator;
    }

    [Test]
    public void Binary_confusion_matrix_by_hand()
    {
        // TN 4, FP 1 / FN 2, TP 5.
        var (actual, predicted) = FromMatrix(new[,] { { 4, 1 }, { 2, 5 } });
        var scores = ClassificationScores.Compute(actual, predicted, 2);

        scores.Accuracy.Should().BeApproximately(9.0 / 12, 1e-12);
        scores.Mcc.Should().BeApproximately(18 / Math.Sqrt(6 * 7 * 5 * 6), 1e-12); // (TP·TN − FP·FN)/√(…) = 0.50709
        scores.Mcc.Should().BeApproximately(0.507093, 1e-6);
        scores.MacroPrecision.Should().BeApproximately(((4.0 / 6) + (5.0 / 6)) / 2, 1e-12);
        scores.MacroRecall.Should().BeApproximately(((4.0 / 5) + (5.0 / 7)) / 2, 1e-12);
        scores.MacroF1.Should().BeApproximately(((8.0 / 11) + (10.0 / 13)) / 2, 1e-12);
        scores.ConfusionMatrix[1, 0].Should().Be(2);
        scores.ConfusionMatrix.Total.Should().Be(12);
    }

    [Test]
    public void Three_class_mcc_by_hand_and_against_one_hot_correlation()
    {
        // s = 12, c = 9, t = (4,4,4), p = (4,3,5): (9·12 − 48) / √((144 − 50)(144 − 48)) = 60 / √9024.
        var m = new[,] { { 3, 1, 0 }, { 1, 2, 1 }, { 0, 0, 4 } };
        var (actual, predicted) = FromMatrix(m);
        var scores = ClassificationScores.Compute(actual, predicted, 3);

        scores.Mcc.Should().BeApproximately(60 / Math.Sqrt(9024), 1e-12);
        scores.Mcc.Should().BeApproximately(OneHotCorrelation(actual, predicted, 3), 1e-12);
        scores.Accuracy.Should().BeApproximately(0.75, 1e-12);
        scores.MacroPrecision.Should().BeApproximately(((3.0 / 4) + (2.0 / 3) + (4.0 / 5)) / 3, 1e-12);
        scores.MacroRecall.Should().BeApproximately(((3.0 / 4) + (2.0 / 4) + (4.0 / 4)) / 3, 1e-12);
        scores.MacroF1.Should().BeApproximately(((6.0 / 8) + (4.0 / 7) + (8.0 / 9)) / 3, 1e-12);
        scores.RocAuc.Should().BeNull();
    }

    [Test]
    public void Mcc_matches_one_hot_correlation_on_random_labels()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var classes = 2 + (trial % 4);
            var actual = Enumerable.Range(0, 60).Select(_ => random.Next(classes)).ToArray();
            var predicted = actual.Select(a => random.NextDouble() < 0.6 ? a : random.Next(classes)).ToArray();
            var matrix = ConfusionMatrix.From(actual, predicted, classes);
            ClassificationMetrics.MatthewsCorrelation(matrix).Should().BeApproximately(OneHotCorrelation(actual, predicted, classes), 1e-12);
        }
    }

    [Test]
    public void Scikit_learn_documentation_example()
    {
        // matthews_corrcoef([+1, +1, +1, -1], [+1, -1, +1, +1]) = -0.33… (scikit-learn docs), with −1 → 0.
        var matrix = ConfusionMatrix.From([1, 1, 1, 0], [1, 0, 1, 1], 2);
        ClassificationMetrics.MatthewsCorrelation(matrix).Should().BeApproximately(-1.0 / 3, 1e-12);
    }

    [Test]
    public void A_constant_predictor_has_mcc_zero_not_nan()
    {
        var matrix = ConfusionMatrix.From([0, 1, 1, 0, 1], [1, 1, 1, 1, 1], 2);
        ClassificationMetrics.MatthewsCorrelation(matrix).Should().Be(0);

        var oneClassEverywhere = ConfusionMatrix.From([2, 2, 2], [2, 2, 2], 3);
        ClassificationMetrics.MatthewsCorrelation(oneClassEverywhere).Should().Be(0);
        ClassificationMetrics.Accuracy(oneClassEverywhere).Should().Be(1);

        // Class 0 never predicted: its precision is 0 (scikit-learn's zero_division default), not NaN.
        ClassificationMetrics.Precision(matrix, 0).Should().Be(0);
        ClassificationMetrics.MacroPrecision(matrix).Should().BeApproximately((0 + (3.0 / 5)) / 2, 1e-12);
    }

    [Test]
    public void Perfect_and_inverted_predictions()
    {
        ClassificationMetrics.MatthewsCorrelation(ConfusionMatrix.From([0, 1, 0, 1], [0, 1, 0, 1], 2)).Should().Be(1);
        ClassificationMetrics.MatthewsCorrelation(ConfusionMatrix.From([0, 1, 0, 1], [1, 0, 1, 0], 2)).Should().Be(-1);
    }

    [Test]
    public void Macro_averages_skip_classes_absent_from_truth_and_predictions()
    {
        // Class 2 never occurs: scikit-learn averages over the labels present (0 and 1).
        var matrix = ConfusionMatrix.From([0, 0, 1, 1], [0, 1, 1, 1], 3);
        ClassificationMetrics.MacroRecall(matrix).Should().BeApproximately((0.5 + 1) / 2, 1e-12);
        ClassificationMetrics.MacroF1(matrix).Should().BeApproximately(((2.0 / 3) + (4.0 / 5)) / 2, 1e-12);
    }

    [Test]
    public void Roc_auc_of_the_scikit_learn_example_and_with_ties()
    {
        ClassificationMetrics.RocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).Should().BeApproximately(0.75, 1e-12);

        // Pairs (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) ½, (0.8, 0.1) 1, (0.8, 0.4) 1 → 3.5 / 4.
        ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.1, 0.4, 0.4, 0.8]).Should().BeApproximately(0.875, 1e-12);
        ClassificationMetrics.RocAuc([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]).Should().BeApproximately(0.5, 1e-12);
    }

    [Test]
    public void Roc_auc_matches_brute_force_pair_counting()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 30; trial++)
        {
            var labels = Enumerable.Range(0, 40).Select(i => i < 2 ? i : random.Next(2)).ToArray();
            var scores = labels.Select(l => Math.Round((random.NextDouble() + (0.3 * l)) * 5) / 5).ToArray(); // coarse: many ties
            double wins = 0;
            var pairs = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                for (var j = 0; j < labels.Length; j++)
                {
                    if (labels[i] == 1 && labels[j] == 0)
                    {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }

            ClassificationMetrics.RocAuc(labels, scores).Should().BeApproximately(wins / pairs, 1e-12);
        }
    }

    [Test]
    public void Roc_auc_is_refused_when_only_one_class_occurs()
    {
        var act = () => ClassificationMetrics.RocAuc([1, 1], [0.2, 0.3]);
        act.Should().Throw<ArgumentException>().WithMessage("*only one class*");
    }

    [Test]
    public void Scores_compute_auc_from_the_class_one_probability()
    {
        float[] probabilities = [0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f];
        var scores = ClassificationScores.Compute([0, 0, 1, 1], [0, 0, 0, 1], 2, probabilities);
        scores.RocAuc.Should().BeApproximately(0.75, 1e-12);
    }

    [Test]
    public void Labels_outside_the_classes_are_named()
    {
        var act = () => ConfusionMatrix.From([0, 1, 3], [0, 1, 1], 2);
        act.Should().Throw<ArgumentException>().WithMessage("True label 3 at index 2*");
    }
}

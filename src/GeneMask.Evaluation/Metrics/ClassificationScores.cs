namespace GeneMask.Evaluation.Metrics;

/// <summary>Every metric of one scored prediction set (fractions in [0, 1]; MCC in [−1, 1]).</summary>
/// <param name="Accuracy">Fraction correct.</param>
/// <param name="Mcc">Matthews correlation (multi-class generalisation).</param>
/// <param name="MacroF1">Macro-averaged F1.</param>
/// <param name="MacroPrecision">Macro-averaged precision.</param>
/// <param name="MacroRecall">Macro-averaged recall.</param>
/// <param name="RocAuc">ROC AUC of class 1 for binary tasks with both classes present and probabilities given; otherwise null.</param>
/// <param name="ConfusionMatrix">The counts behind the numbers.</param>
public sealed record ClassificationScores(
    double Accuracy,
    double Mcc,
    double MacroF1,
    double MacroPrecision,
    double MacroRecall,
    double? RocAuc,
    ConfusionMatrix ConfusionMatrix)
{
    /// <summary>Scores predictions against true labels.</summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="probabilities">Row-major class probabilities (examples × classes), or empty; used for ROC AUC.</param>
    public static ClassificationScores Compute(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, ReadOnlySpan<float> probabilities = default)
    {
        var matrix = ConfusionMatrix.From(actual, predicted, classCount);
        double? auc = null;
        if (classCount == 2 && !probabilities.IsEmpty)
        {
            if (probabilities.Length != actual.Length * 2)
            {
                throw new ArgumentException($"Expected {actual.Length * 2} probabilities (examples × 2 classes), got {probabilities.Length}.", nameof(probabilities));
            }

            if (matrix.ActualCount(0) > 0 && matrix.ActualCount(1) > 0)
            {
                var positive = new double[actual.Length];
                for (var i = 0; i < positive.Length; i++)
                {
                    positive[i] = probabilities[(2 * i) + 1];
                }

                auc = ClassificationMetrics.RocAuc(actual, positive);
            }
        }

        return new ClassificationScores(
            ClassificationMetrics.Accuracy(matrix),
            ClassificationMetrics.MatthewsCorrelation(matrix),
            ClassificationMetrics.MacroF1(matrix),
            ClassificationMetrics.MacroPrecision(matrix),
            ClassificationMetrics.MacroRecall(matrix),
            auc,
            matrix);
    }
}

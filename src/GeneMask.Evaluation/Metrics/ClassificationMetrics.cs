namespace GeneMask.Evaluation.Metrics;

/// <summary>
/// Classification metrics with scikit-learn's definitions and defaults, so that numbers compare with the Python
/// reference implementations: undefined ratios (a class never predicted) count as 0, macro averages run over the
/// classes that occur in the true or the predicted labels, and MCC is 0 (not NaN) when a marginal is constant.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>Fraction of correct predictions.</summary>
    public static double Accuracy(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var total = matrix.Total;
        if (total == 0)
        {
            throw new ArgumentException("The confusion matrix is empty.", nameof(matrix));
        }

        long correct = 0;
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            correct += matrix[c, c];
        }

        return (double)correct / total;
    }

    /// <summary>
    /// Matthews correlation coefficient, multi-class generalisation (Gorodkin's R_K, scikit-learn's <c>matthews_corrcoef</c>):
    /// (c·s − Σ p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) with c correct, s total, t_k true and p_k predicted counts of
    /// class k. Equals the binary formula for two classes. 0 when either factor of the denominator is 0.
    /// </summary>
    public static double MatthewsCorrelation(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double s = matrix.Total;
        if (s == 0)
        {
            throw new ArgumentException("The confusion matrix is empty.", nameof(matrix));
        }

        double correct = 0, sumPt = 0, sumPp = 0, sumTt = 0;
        for (var k = 0; k < matrix.ClassCount; k++)
        {
            correct += matrix[k, k];
            double t = matrix.ActualCount(k);
            double p = matrix.PredictedCount(k);
            sumPt += p * t;
            sumPp += p * p;
            sumTt += t * t;
        }

        var covariance = (correct * s) - sumPt;
        var predictedVariance = (s * s) - sumPp;
        var trueVariance = (s * s) - sumTt;
        if (predictedVariance == 0 || trueVariance == 0)
        {
            return 0;
        }

        return covariance / Math.Sqrt(predictedVariance * trueVariance);
    }

    /// <summary>Precision of class <paramref name="c"/>: tp / (tp + fp), 0 when the class is never predicted.</summary>
    public static double Precision(ConfusionMatrix matrix, int c)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var predicted = matrix.PredictedCount(c);
        return predicted == 0 ? 0 : (double)matrix[c, c] / predicted;
    }

    /// <summary>Recall of class <paramref name="c"/>: tp / (tp + fn), 0 when the class never occurs.</summary>
    public static double Recall(ConfusionMatrix matrix, int c)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var actual = matrix.ActualCount(c);
        return actual == 0 ? 0 : (double)matrix[c, c] / actual;
    }

    /// <summary>F1 of class <paramref name="c"/>: 2·tp / (2·tp + fp + fn), 0 when the class is neither present nor predicted.</summary>
    public static double F1(ConfusionMatrix matrix, int c)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double tp = matrix[c, c];
        var denominator = matrix.ActualCount(c) + matrix.PredictedCount(c);
        return denominator == 0 ? 0 : 2 * tp / denominator;
    }

    /// <summary>Unweighted mean of the per-class precisions over the classes that occur in the true or predicted labels.</summary>
    public static double MacroPrecision(ConfusionMatrix matrix) => MacroAverage(matrix, Precision);

    /// <summary>Unweighted mean of the per-class recalls over the classes that occur in the true or predicted labels.</summary>
    public static double MacroRecall(ConfusionMatrix matrix) => MacroAverage(matrix, Recall);

    /// <summary>Unweighted mean of the per-class F1 scores over the classes that occur in the true or predicted labels.</summary>
    public static double MacroF1(ConfusionMatrix matrix) => MacroAverage(matrix, F1);

    /// <summary>
    /// Area under the ROC curve of a binary task: the probability that a random positive scores higher than a random
    /// negative, ties counting one half (the trapezoidal area scikit-learn's <c>roc_auc_score</c> computes).
    /// </summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="positiveScores">Score of class 1 for each example (a probability or any monotone score).</param>
    /// <exception cref="ArgumentException">Only one class occurs (AUC undefined), a label is not 0/1, or a score is NaN.</exception>
    public static double RocAuc(ReadOnlySpan<int> actual, ReadOnlySpan<double> positiveScores)
    {
        if (actual.Length != positiveScores.Length)
        {
            throw new ArgumentException($"{actual.Length} labels but {positiveScores.Length} scores.", nameof(positiveScores));
        }

        var order = new int[actual.Length];
        long positives = 0;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            if (actual[i] is not (0 or 1))
            {
                throw new ArgumentException($"Label {actual[i]} at index {i}: ROC AUC needs binary labels 0/1.", nameof(actual));
            }

            if (double.IsNaN(positiveScores[i]))
            {
                throw new ArgumentException($"Score at index {i} is NaN.", nameof(positiveScores));
            }

            positives += actual[i];
        }

        long negatives = actual.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("ROC AUC is undefined when only one class occurs in the true labels.", nameof(actual));
        }

        var scores = positiveScores.ToArray();
        Array.Sort(scores, order);

        // Mann–Whitney U from mid-ranks: tied scores share the mean of their ranks.
        double positiveRankSum = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start + 1;
            while (end < order.Length && scores[end] == scores[start])
            {
                end++;
            }

            var midRank = ((start + 1) + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                positiveRankSum += actual[order[i]] * midRank;
            }

            start = end;
        }

        var u = positiveRankSum - (positives * (positives + 1) / 2.0);
        return u / ((double)positives * negatives);
    }

    private static double MacroAverage(ConfusionMatrix matrix, Func<ConfusionMatrix, int, double> perClass)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double sum = 0;
        var present = 0;
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            if (matrix.ActualCount(c) + matrix.PredictedCount(c) > 0)
            {
                sum += perClass(matrix, c);
                present++;
            }
        }

        if (present == 0)
        {
            throw new ArgumentException("The confusion matrix is empty.", nameof(matrix));
        }

        return sum / present;
    }
}

using System.Globalization;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Probing;

/// <summary>
/// A multinomial logistic regression with an L2 penalty, trained full-batch on standardised features (train mean and
/// deviation) from zero weights with TorchSharp's Adam: deterministic, and cheap enough to run per arm and task. The
/// linear probe of a frozen encoder, and, on k-mer counts, the bag-of-k-mers baseline.
/// </summary>
public static class LogisticRegressionProbe
{
    /// <summary>Trains on <paramref name="train"/> and returns the predicted class of every test row.</summary>
    /// <param name="train">Training features.</param>
    /// <param name="trainLabels">Classes 0 … <paramref name="classCount"/> − 1 of the training rows.</param>
    /// <param name="test">Test features (same dimension).</param>
    /// <param name="classCount">Number of classes, at least 2.</param>
    /// <param name="options">The schedule; null for the defaults.</param>
    /// <exception cref="ArgumentException">Shapes or labels do not fit.</exception>
    public static int[] FitPredict(FeatureMatrix train, IReadOnlyList<int> trainLabels, FeatureMatrix test, int classCount, LogisticRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var o = (options ?? new LogisticRegressionOptions()).Validated();
        if (train.Count != trainLabels.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{train.Count} training rows but {trainLabels.Count} labels."), nameof(trainLabels));
        }

        if (train.Dimension != test.Dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Training features have {train.Dimension} columns, test features {test.Dimension}."), nameof(test));
        }

        for (var i = 0; i < trainLabels.Count; i++)
        {
            if ((uint)trainLabels[i] >= (uint)classCount)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Training label {i} is {trainLabels[i]}; expected 0 … {classCount - 1}."), nameof(trainLabels));
            }
        }

        TorchNativeLibrary.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var noGradOutside = enable_grad();
        var x = tensor(train.Values, [train.Count, train.Dimension]);
        var mean = x.mean([0], keepdim: true);
        var std = x.std(0, keepdim: true).clamp_min(1e-6);
        x = (x - mean) / std;
        var y = tensor(trainLabels.Select(l => (long)l).ToArray());
        var weight = new global::TorchSharp.Modules.Parameter(zeros(train.Dimension, classCount));
        var bias = new global::TorchSharp.Modules.Parameter(zeros(classCount));
        using var optimizer = optim.Adam([weight, bias], o.LearningRate);
        for (var iteration = 0; iteration < o.Iterations; iteration++)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            var logits = x.matmul(weight) + bias;
            var loss = nn.functional.cross_entropy(logits, y) + (0.5 * o.L2 * weight.pow(2).sum());
            loss.backward();
            optimizer.step();
        }

        using var noGrad = no_grad();
        var xt = (tensor(test.Values, [test.Count, test.Dimension]) - mean) / std;
        var predicted = (xt.matmul(weight) + bias).argmax(1).data<long>().ToArray();
        return [.. predicted.Select(p => (int)p)];
    }

    /// <summary>
    /// Bag-of-k-mers features: the relative frequency of every k-mer in each sequence (4^k columns; k-mers with a base
    /// other than A/C/G/T are left out).
    /// </summary>
    public static FeatureMatrix KmerCounts(IReadOnlyList<string> sequences, int k = 6)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var tokenizer = GeneMask.Tokenization.KmerTokenizer.Create(k, int.MaxValue / 2);
        var dimension = tokenizer.VocabularySize - GeneMask.Tokenization.SpecialTokens.Count;
        var values = new float[sequences.Count * dimension];
        var ids = new int[1024];
        for (var i = 0; i < sequences.Count; i++)
        {
            var bases = sequences[i];
            if (ids.Length < bases.Length)
            {
                ids = new int[bases.Length];
            }

            var n = tokenizer.EncodeKmers(bases.AsSpan(), ids);
            var row = values.AsSpan(i * dimension, dimension);
            var kept = 0;
            foreach (var id in ids.AsSpan(0, n))
            {
                if (tokenizer.IsKmer(id))
                {
                    row[id - GeneMask.Tokenization.SpecialTokens.Count]++;
                    kept++;
                }
            }

            if (kept > 0)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] /= kept;
                }
            }
        }

        return new FeatureMatrix(values, sequences.Count, dimension);
    }
}

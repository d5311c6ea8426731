using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp.Training;
using TorchSharp;
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
        var o = new LogisticRegressionOptionsValidator().Validated(options ?? new LogisticRegressionOptions());
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
        using var minimumDeviation = 1e-6.ToScalar();
        using var two = 2.ToScalar();
        var x = tensor(train.Values, [train.Count, train.Dimension]);
        var mean = x.mean([0], keepdim: true);
        var std = x.std(0, keepdim: true).clamp_min(minimumDeviation);
        x = (x - mean) / std;
        var y = tensor(trainLabels.Select(l => (long)l).ToArray());
        var weight = new global::TorchSharp.Modules.Parameter(zeros(train.Dimension, classCount));
        var bias = new global::TorchSharp.Modules.Parameter(zeros(classCount));

        // Adam (β = 0.9, 0.999, ε = 1e-8) as TorchSharp's optim.Adam computes it, with Scalars that outlive their calls.
        var moments = new[] { weight, bias }.Select(p => (Parameter: p, First: zeros_like(p), Second: zeros_like(p))).ToArray();
        for (var iteration = 1; iteration <= o.Iterations; iteration++)
        {
            using var step = NewDisposeScope();
            weight.grad?.zero_();
            bias.grad?.zero_();
            var logits = x.matmul(weight).Plus(bias);
            var loss = nn.functional.cross_entropy(logits, y).Plus(weight.pow(two).sum().Times(0.5 * o.L2));
            loss.backward();
            foreach (var (parameter, first, second) in moments)
            {
                AdamUpdate.Apply(parameter, parameter.grad!, first, second, iteration, o.LearningRate, 0.9, 0.999, 1e-8, weightDecay: 0);
            }
        }

        using var noGrad = no_grad();
        var xt = (tensor(test.Values, [test.Count, test.Dimension]) - mean) / std;
        var predicted = xt.matmul(weight).Plus(bias).argmax(1).data<long>().ToArray();
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

using System.Collections.Concurrent;

namespace GeneMask.Evaluation.Tests;

/// <summary>
/// A real but tiny classifier for runner tests: nearest centroid over dinucleotide frequencies. Deterministic, so the
/// same job always gives the same predictions; records every job it receives.
/// </summary>
internal sealed class NearestCentroidTrainer : ISequenceClassifierTrainer
{
    public ConcurrentQueue<FineTuneJob> Jobs { get; } = new();

    public Func<FineTuneJob, ClassifierPredictions>? Override { get; set; }

    public ClassifierPredictions FineTuneAndPredict(FineTuneJob job, CancellationToken cancellationToken = default)
    {
        Jobs.Enqueue(job);
        if (Override is not null)
        {
            return Override(job);
        }

        var centroids = new double[job.ClassCount, 16];
        var counts = new int[job.ClassCount];
        foreach (var example in job.Train)
        {
            var f = Features(example.Bases);
            counts[example.Label]++;
            for (var d = 0; d < 16; d++)
            {
                centroids[example.Label, d] += f[d];
            }
        }

        var labels = new int[job.Test.Count];
        var probabilities = new float[job.Test.Count * job.ClassCount];
        for (var i = 0; i < job.Test.Count; i++)
        {
            var f = Features(job.Test[i].Bases);
            var distances = new double[job.ClassCount];
            for (var c = 0; c < job.ClassCount; c++)
            {
                for (var d = 0; d < 16; d++)
                {
                    var diff = f[d] - (centroids[c, d] / Math.Max(1, counts[c]));
                    distances[c] += diff * diff;
                }
            }

            labels[i] = Array.IndexOf(distances, distances.Min());
            var weights = distances.Select(x => Math.Exp(-x * 100)).ToArray();
            var sum = weights.Sum();
            for (var c = 0; c < job.ClassCount; c++)
            {
                probabilities[(i * job.ClassCount) + c] = (float)(weights[c] / sum);
            }
        }

        return new ClassifierPredictions(labels, probabilities);
    }

    internal static double[] Features(string bases)
    {
        var f = new double[16];
        const string alphabet = "ACGT";
        for (var i = 0; i + 1 < bases.Length; i++)
        {
            var a = alphabet.IndexOf(bases[i], StringComparison.Ordinal);
            var b = alphabet.IndexOf(bases[i + 1], StringComparison.Ordinal);
            if (a >= 0 && b >= 0)
            {
                f[(a * 4) + b] += 1.0 / (bases.Length - 1);
            }
        }

        return f;
    }
}

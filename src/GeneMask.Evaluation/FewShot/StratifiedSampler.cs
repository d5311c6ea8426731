using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.FewShot;

/// <summary>
/// Draws n examples of every class from a labelled pool: stratified, without replacement, reproducible from a seed.
/// </summary>
/// <remarks>
/// Each class is drawn by a partial Fisher–Yates shuffle with its own stream of the seed, so for one seed the draw of n
/// examples per class is a prefix of the draw of any larger n (10-shot ⊂ 50-shot ⊂ …), and adding a class to a pool
/// does not change the draws of the others. The result is shuffled (classes interleaved) with a further stream.
/// </remarks>
public static class StratifiedSampler
{
    /// <summary>Draws <paramref name="perClass"/> examples of each class 0 … <paramref name="classCount"/> − 1.</summary>
    /// <exception cref="ArgumentException">A label is outside the classes, or a class has fewer than <paramref name="perClass"/> examples (named in the message).</exception>
    public static IReadOnlyList<LabelledSequence> Sample(IReadOnlyList<LabelledSequence> pool, int classCount, int perClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        var byClass = new List<int>[classCount];
        for (var c = 0; c < classCount; c++)
        {
            byClass[c] = [];
        }

        for (var i = 0; i < pool.Count; i++)
        {
            var label = pool[i].Label;
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentException($"Example {i} has label {label}, outside 0 … {classCount - 1}.", nameof(pool));
            }

            byClass[label].Add(i);
        }

        var chosen = new int[classCount * perClass];
        for (var c = 0; c < classCount; c++)
        {
            var indices = byClass[c];
            if (indices.Count < perClass)
            {
                throw new ArgumentException($"Class {c} has {indices.Count} examples in the pool; {perClass} per class were requested.", nameof(perClass));
            }

            var random = new SeededRandom(unchecked((ulong)seed), unchecked((ulong)c));
            for (var i = 0; i < perClass; i++)
            {
                var j = i + random.NextInt(indices.Count - i);
                (indices[i], indices[j]) = (indices[j], indices[i]);
                chosen[(c * perClass) + i] = indices[i];
            }
        }

        var order = new SeededRandom(unchecked((ulong)seed), ulong.MaxValue);
        for (var i = chosen.Length - 1; i > 0; i--)
        {
            var j = order.NextInt(i + 1);
            (chosen[i], chosen[j]) = (chosen[j], chosen[i]);
        }

        var result = new LabelledSequence[chosen.Length];
        for (var i = 0; i < chosen.Length; i++)
        {
            result[i] = pool[chosen[i]];
        }

        return result;
    }
}

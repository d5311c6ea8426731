using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.Tests;

public class SamplerTests
{
    private static IReadOnlyList<LabelledSequence> _promCoreTrain = null!;

    [OneTimeSetUp]
    public void LoadPool() => _promCoreTrain = TaskLoader.ReadSplit(TaskCatalog.PromCoreTata, TestData.Root, TaskSplit.Train);

    [TestCase(10)]
    [TestCase(50)]
    [TestCase(100)]
    [TestCase(500)]
    [TestCase(1000)]
    public void Draws_n_distinct_pool_examples_per_class_from_real_data(int n)
    {
        var sample = StratifiedSampler.Sample(_promCoreTrain, 2, n, seed: 7);

        sample.Should().HaveCount(2 * n);
        sample.Count(e => e.Label == 0).Should().Be(n);
        sample.Count(e => e.Label == 1).Should().Be(n);
        var indexOf = _promCoreTrain.Select((e, i) => (e, i)).ToLookup(p => p.e, p => p.i);
        sample.Should().OnlyContain(e => indexOf.Contains(e));

        // Without replacement: the same record (reference) is never drawn twice.
        sample.Distinct(ReferenceEqualityComparer.Instance).Should().HaveCount(2 * n);
    }

    [Test]
    public void The_same_seed_gives_the_same_draw_and_another_seed_another()
    {
        var a = StratifiedSampler.Sample(_promCoreTrain, 2, 50, seed: 3);
        var b = StratifiedSampler.Sample(_promCoreTrain, 2, 50, seed: 3);
        var c = StratifiedSampler.Sample(_promCoreTrain, 2, 50, seed: 4);

        a.Should().Equal(b);
        a.Intersect(c).Count().Should().BeLessThan(10);
    }

    [Test]
    public void Smaller_draws_are_contained_in_larger_ones_for_one_seed()
    {
        var ten = StratifiedSampler.Sample(_promCoreTrain, 2, 10, seed: 5);
        var fifty = StratifiedSampler.Sample(_promCoreTrain, 2, 50, seed: 5);
        fifty.Should().Contain(ten);
    }

    [Test]
    public void Classes_are_interleaved_not_blocked()
    {
        var sample = StratifiedSampler.Sample(_promCoreTrain, 2, 100, seed: 1);
        sample.Take(100).Select(e => e.Label).Distinct().Should().HaveCount(2);
    }

    [Test]
    public void Every_pool_example_is_equally_likely()
    {
        // 4 examples per class, draw 1 per class over many seeds: each example should be drawn ~1/4 of the time.
        var pool = Enumerable.Range(0, 8).Select(i => new LabelledSequence(new string('A', i + 1), i % 2)).ToList();
        var counts = new int[8];
        const int seeds = 8000;
        for (var seed = 0; seed < seeds; seed++)
        {
            foreach (var e in StratifiedSampler.Sample(pool, 2, 1, seed))
            {
                counts[e.Bases.Length - 1]++;
            }
        }

        // Expected 2000 each, binomial sd ≈ 39: allow 5 sd.
        counts.Should().OnlyContain(c => Math.Abs(c - 2000) < 200);
    }

    [Test]
    public void A_class_with_too_few_examples_is_named()
    {
        var pool = new[] { new LabelledSequence("A", 0), new LabelledSequence("C", 0), new LabelledSequence("G", 1) };
        var act = () => StratifiedSampler.Sample(pool, 2, 2, seed: 1);
        act.Should().Throw<ArgumentException>().WithMessage("Class 1 has 1 examples in the pool; 2 per class were requested*");
    }

    [Test]
    public void Splice_three_class_draws_are_stratified()
    {
        var pool = TaskLoader.ReadSplit(TaskCatalog.FewShotSplice40, TestData.Root, TaskSplit.Test);
        var sample = StratifiedSampler.Sample(pool, 3, 100, seed: 2);
        sample.GroupBy(e => e.Label).Select(g => g.Count()).Should().Equal(100, 100, 100);
    }

    [TestCase(2, 1, 1)]
    [TestCase(2, 10, 7)]
    [TestCase(2, 50, 123)]
    [TestCase(3, 10, 4)]
    [TestCase(3, 100, 99)]
    public void Draws_are_those_of_a_slow_obvious_sampler(int classes, int n, int seed)
    {
        var pool = classes == 2 ? _promCoreTrain : TaskLoader.ReadSplit(TaskCatalog.FewShotSplice40, TestData.Root, TaskSplit.Test);

        StratifiedSampler.Sample(pool, classes, n, seed).Should().Equal(SlowSample(pool, classes, n, seed));
    }

    [Test]
    public void Draws_do_not_depend_on_the_thread_that_makes_them()
    {
        var sequential = Enumerable.Range(0, 16).Select(seed => StratifiedSampler.Sample(_promCoreTrain, 2, 10, seed)).ToList();
        var parallel = new IReadOnlyList<LabelledSequence>[16];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, seed => parallel[seed] = StratifiedSampler.Sample(_promCoreTrain, 2, 10, seed));

        for (var seed = 0; seed < 16; seed++)
        {
            parallel[seed].Should().Equal(sequential[seed]);
        }
    }

    // The sampler's contract written the obvious way: for each class in turn, its pool examples in pool order, n steps of
    // "pick one of the not yet picked (the remaining ones kept in swap order) with the class's stream"; then the picks
    // shuffled by Fisher–Yates from the back with the last stream. Slow: copies the remaining list at every step.
    private static List<LabelledSequence> SlowSample(IReadOnlyList<LabelledSequence> pool, int classes, int n, int seed)
    {
        var picked = new List<int>();
        for (var c = 0; c < classes; c++)
        {
            var remaining = Enumerable.Range(0, pool.Count).Where(i => pool[i].Label == c).ToArray();
            var random = new SeededRandom(unchecked((ulong)seed), (ulong)c);
            for (var i = 0; i < n; i++)
            {
                var j = i + random.NextInt(remaining.Length - i);
                var next = remaining.ToArray();
                next[j] = remaining[i];
                next[i] = remaining[j];
                remaining = next;
                picked.Add(remaining[i]);
            }
        }

        var order = new SeededRandom(unchecked((ulong)seed), ulong.MaxValue);
        var shuffled = picked.ToArray();
        for (var i = shuffled.Length - 1; i > 0; i--)
        {
            var j = order.NextInt(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        return [.. shuffled.Select(i => pool[i])];
    }
}

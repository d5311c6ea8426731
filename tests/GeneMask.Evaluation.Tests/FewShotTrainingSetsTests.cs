using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Evaluation.Runs;
using Microsoft.Extensions.Options;

namespace GeneMask.Evaluation.Tests;

public class FewShotTrainingSetsTests
{
    private static List<FineTuneJob> Jobs(FewShotTask task, string model = "m", int seeds = 3, int[]? shots = null)
    {
        var trainer = new NearestCentroidTrainer();
        var options = new EvaluationOptions { Shots = shots ?? [10, 50], SeedCount = seeds };
        new EvaluationRunner(trainer, Options.Create(options)).RunFewShot(model, [task]);
        return [.. trainer.Jobs];
    }

    [TestCase("Prom-core")]
    [TestCase("Splice-40")]
    public void Drawn_sets_hold_exactly_n_examples_of_every_class(string name)
    {
        var descriptor = TaskCatalog.Get(name);
        var task = FewShotTask.FromFixtures(descriptor, TestData.Root, FewShotTrainingSets.DrawnPerSeed);

        var jobs = Jobs(task);

        jobs.Select(j => (j.Train.Count / descriptor.ClassCount, j.Seed)).Should().Equal((10, 1), (10, 2), (10, 3), (50, 1), (50, 2), (50, 3));
        foreach (var job in jobs)
        {
            var n = job.Train.Count / descriptor.ClassCount;
            job.Train.GroupBy(e => e.Label).Select(g => g.Count()).Should().AllBeEquivalentTo(n);
            job.Train.Distinct().Should().HaveCount(job.Train.Count);
            job.UnknownAroundTraining.Should().BeFalse();
        }
    }

    [Test]
    public void The_pool_is_every_published_training_example_once()
    {
        var descriptor = TaskCatalog.FewShotSplice40;
        var published = descriptor.Fixtures.SelectMany(f => TaskLoader.ReadFixture(descriptor, TestData.Root, f.Shots)).ToList();

        var task = FewShotTask.FromFixtures(descriptor, TestData.Root, FewShotTrainingSets.DrawnPerSeed);

        task.Pool.Should().OnlyHaveUniqueItems();
        task.Pool.Should().BeEquivalentTo(published.Distinct());
        task.FixedTrainSets.Should().BeEmpty();
        task.Shots.Should().BeNull();
        task.MaxLength.Should().Be(37);
    }

    [Test]
    public void Each_seed_draws_its_own_set_and_every_model_gets_the_same_set_at_a_seed()
    {
        var task = FewShotTask.FromFixtures(TaskCatalog.FewShotSplice40, TestData.Root, FewShotTrainingSets.DrawnPerSeed);

        var a = Jobs(task, "model A", seeds: 4, shots: [10]);
        var b = Jobs(task, "model B", seeds: 4, shots: [10]);

        for (var i = 0; i < 4; i++)
        {
            b[i].Train.Should().Equal(a[i].Train);
            for (var j = i + 1; j < 4; j++)
            {
                // 10 of ≈ 596 per class: two seeds share a handful of examples at most.
                a[i].Train.Intersect(a[j].Train).Count().Should().BeLessThan(5, $"seeds {a[i].Seed} and {a[j].Seed} draw their own sets");
            }
        }
    }

    [Test]
    public void Upstream_files_are_used_as_published_whatever_they_hold()
    {
        // Splice-40's file named 10 holds 100 examples of each of its 3 classes.
        var task = FewShotTask.FromFixtures(TaskCatalog.FewShotSplice40, TestData.Root, FewShotTrainingSets.UpstreamFiles);

        var jobs = Jobs(task, seeds: 2);

        jobs.Select(j => (j.Train.Count, j.Seed)).Should().Equal((300, 1), (300, 2), (1500, 1), (1500, 2));
        jobs[0].Train.Should().BeSameAs(jobs[1].Train);
    }

    [Test]
    public void The_upstream_readers_unknown_ends_reach_the_job_and_the_identity_of_fixed_sets_only()
    {
        var files = FewShotTask.FromFixtures(TaskCatalog.FewShotPromCore, TestData.Root, FewShotTrainingSets.UpstreamFiles);
        var quoted = files with { UnknownAroundFixedTrainSets = true };
        var runner = new EvaluationRunner(new NearestCentroidTrainer(), Options.Create(new EvaluationOptions { Shots = [10], SeedCount = 1 }));

        runner.PlanFewShot("m", [quoted])[0].Identity.Parts["train"].Should().EndWith(", [UNK] at both ends");
        runner.PlanFewShot("m", [files])[0].Identity.Parts["train"].Should().NotContain("[UNK]");
        Jobs(quoted, seeds: 1).Should().HaveCount(2).And.OnlyContain(j => j.UnknownAroundTraining);
        Jobs(quoted with { FixedTrainSets = new Dictionary<int, IReadOnlyList<LabelledSequence>>(), Shots = null }, seeds: 1, shots: [10])
            .Should().ContainSingle().Which.UnknownAroundTraining.Should().BeFalse("a drawn set is read unquoted");
    }

    [Test]
    public void An_undefined_choice_is_named()
    {
        var act = () => FewShotTask.FromFixtures(TaskCatalog.FewShotPromCore, TestData.Root, (FewShotTrainingSets)7);
        act.Should().Throw<ArgumentException>().WithMessage("*7*DrawnPerSeed, UpstreamFiles*");
    }
}

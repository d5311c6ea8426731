using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Evaluation.Metrics;
using GeneMask.Evaluation.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeneMask.Evaluation.Tests;

public class RunnerTests
{
    private static TaskData _promCoreTata = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _promCoreTata = TaskLoader.Load(TaskCatalog.PromCoreTata, TestData.Root);
    }

    private static EvaluationRunner Runner(NearestCentroidTrainer trainer, Action<EvaluationOptions>? configure = null, ILogger<EvaluationRunner>? logger = null)
    {
        var options = new EvaluationOptions { Shots = [10, 50], SeedCount = 3 };
        configure?.Invoke(options);
        return new EvaluationRunner(trainer, Options.Create(options), logger);
    }

    private static FewShotTask PromCoreTataPool() => FewShotTask.FromTaskData(_promCoreTata);

    [Test]
    public void Few_shot_runs_every_task_n_and_seed_with_stratified_draws_and_the_papers_settings()
    {
        var trainer = new NearestCentroidTrainer();
        var logger = new ListLogger<EvaluationRunner>();
        var progress = new ListProgress<EvaluationProgress>();

        var results = Runner(trainer, logger: logger).RunFewShot("model A", [PromCoreTataPool()], progress: progress);

        results.Count.Should().Be(6);
        var jobs = trainer.Jobs.ToList();
        jobs.Select(j => (j.Train.Count, j.Seed)).Should().Equal((20, 1), (20, 2), (20, 3), (100, 1), (100, 2), (100, 3));
        jobs.Should().OnlyContain(j => j.Dev == null && j.Test.Count == 613 && j.ClassCount == 2 && j.TaskName == "prom_core_tata");
        var expected = FineTuneSettings.FewShotSmall with { MaxLength = 80 };
        jobs.Should().OnlyContain(j => j.Settings == expected);
        jobs.Should().OnlyContain(j => j.Train.Count(e => e.Label == 0) == j.Train.Count / 2);
        jobs[0].Train.Should().Equal(StratifiedSampler.Sample(_promCoreTata.Train!, 2, 10, 1));

        progress.Reports.Select(p => p.Completed).Should().Equal(1, 2, 3, 4, 5, 6);
        progress.Reports.Should().OnlyContain(p => p.Total == 6 && !p.Resumed);
        logger.Entries.Count(e => e.Id.Id == 3 && e.Level == LogLevel.Information).Should().Be(6);
        logger.Entries.Should().Contain(e => e.Id.Id == 1 && e.Message.Contains("6 runs, 0 already", StringComparison.Ordinal));
    }

    [Test]
    public void Scores_are_those_of_the_predictions_on_the_test_split()
    {
        var trainer = new NearestCentroidTrainer();
        var results = Runner(trainer, o => o.SeedCount = 1).RunFewShot("m", [PromCoreTataPool()]);

        var job = trainer.Jobs.First();
        var predictions = new NearestCentroidTrainer().FineTuneAndPredict(job);
        var correct = job.Test.Where((e, i) => predictions.PredictedLabels[i] == e.Label).Count();
        var run = results.Runs.First(r => r.Shots == 10);
        run.Scores.Accuracy.Should().Be((double)correct / job.Test.Count);
        run.Scores.ConfusionMatrix.Total.Should().Be(613);
        run.Scores.RocAuc.Should().NotBeNull();
        run.TrainingSource.Should().Be("sampled");
        run.TrainCount.Should().Be(20);
    }

    [Test]
    public void Medium_and_large_n_use_the_large_settings()
    {
        var trainer = new NearestCentroidTrainer();
        Runner(trainer, o => { o.Shots = [100, 500]; o.SeedCount = 1; }).RunFewShot("m", [PromCoreTataPool()]);
        trainer.Jobs.Select(j => j.Settings.LearningRate).Should().Equal(4e-4, 5e-5);
    }

    [Test]
    public void A_resumed_evaluation_equals_a_fresh_one_and_skips_finished_runs()
    {
        var fresh = Runner(new NearestCentroidTrainer()).RunFewShot("m", [PromCoreTataPool()]);

        var first = Runner(new NearestCentroidTrainer(), o => o.SeedCount = 2).RunFewShot("m", [PromCoreTataPool()]);
        var trainer = new NearestCentroidTrainer();
        var progress = new ListProgress<EvaluationProgress>();
        var resumed = Runner(trainer).RunFewShot("m", [PromCoreTataPool()], first, progress);

        trainer.Jobs.Select(j => j.Seed).Should().Equal(3, 3);
        progress.Reports.Count(p => p.Resumed).Should().Be(4);
        resumed.ToJson().Should().Be(fresh.ToJson());
    }

    [Test]
    public void A_stored_run_is_reused_only_for_the_same_model_data_and_settings()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.json");
        Runner(new NearestCentroidTrainer(), o => { o.ResultsPath = path; o.SeedCount = 1; o.RunIdentity["model"] = "hash-of-A"; }).RunFewShot("model", [PromCoreTataPool()]);
        var before = File.ReadAllText(path);
        EvaluationResults.Load(path).Runs.Should().OnlyContain(r => r.Identity!["model"] == "hash-of-A" && r.Identity["test"].EndsWith("(613 rows)", StringComparison.Ordinal));

        // Another model under the same name, another test subset, other settings: refused before any run, naming the part.
        void Refused(Action<EvaluationOptions> change, FewShotTask task, string part)
        {
            var trainer = new NearestCentroidTrainer();
            var act = () => Runner(trainer, o => { o.ResultsPath = path; o.SeedCount = 3; o.RunIdentity["model"] = "hash-of-A"; change(o); }).RunFewShot("model", [task]);
            act.Should().Throw<GeneMask.Infrastructure.ResultMismatchException>().Which.Differences.Select(d => d.Name).Should().Equal(part);
            trainer.Jobs.Should().BeEmpty("nothing runs before every stored run is checked");
            File.ReadAllText(path).Should().Be(before);
        }

        Refused(o => o.RunIdentity["model"] = "hash-of-B", PromCoreTataPool(), "model");
        Refused(_ => { }, PromCoreTataPool() with { Test = [.. PromCoreTataPool().Test.Take(100)] }, "test");
        Refused(o => o.FewShotSmallSettings = FineTuneSettings.FewShotSmall with { Epochs = 2 }, PromCoreTataPool(), "settings");

        // The same identity is reused; the runs of seeds 2 and 3 are added.
        var same = new NearestCentroidTrainer();
        Runner(same, o => { o.ResultsPath = path; o.SeedCount = 3; o.RunIdentity["model"] = "hash-of-A"; }).RunFewShot("model", [PromCoreTataPool()]);
        same.Jobs.Select(j => j.Seed).Should().Equal(2, 3, 2, 3);
    }

    [Test]
    public void A_stored_run_without_an_identity_is_refused_and_predictions_are_kept_on_request()
    {
        var plain = Runner(new NearestCentroidTrainer(), o => o.SeedCount = 1).RunFewShot("m", [PromCoreTataPool()]);
        var legacy = new EvaluationResults(plain.Runs.Select(r => r with { Identity = null }));

        var act = () => Runner(new NearestCentroidTrainer(), o => o.SeedCount = 1).RunFewShot("m", [PromCoreTataPool()], legacy);
        act.Should().Throw<GeneMask.Infrastructure.ResultMismatchException>().WithMessage("*(none) there*");

        var trainer = new NearestCentroidTrainer();
        var runner = Runner(trainer, o => { o.SeedCount = 1; o.KeepPredictions = true; });
        var planned = runner.PlanFewShot("m", [PromCoreTataPool()]);
        planned.Select(p => (p.Key.Shots, p.Key.Seed)).Should().Equal((10, 1), (50, 1));
        trainer.Jobs.Should().BeEmpty("planning trains nothing");
        var run = runner.Run(planned[0]);
        var predictions = new NearestCentroidTrainer().FineTuneAndPredict(trainer.Jobs.Single());
        run.PredictedLabels.Should().Equal(predictions.PredictedLabels);
        run.Identity.Should().BeEquivalentTo(planned[0].Identity.Parts);
        EvaluationResults.FromJson(new EvaluationResults([run]).ToJson()).Runs.Single().PredictedLabels.Should().Equal(predictions.PredictedLabels);
    }

    [Test]
    public void The_results_file_is_rewritten_after_every_run_and_resumed_from()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.json");
        var results = Runner(new NearestCentroidTrainer(), o => o.ResultsPath = path).RunFewShot("m", [PromCoreTataPool()]);

        EvaluationResults.Load(path).ToJson().Should().Be(results.ToJson());
        Directory.GetFiles(folder.Path).Should().ContainSingle("atomic writes leave no temporary files");

        var trainer = new NearestCentroidTrainer();
        Runner(trainer, o => o.ResultsPath = path).RunFewShot("m", [PromCoreTataPool()]);
        trainer.Jobs.Should().BeEmpty();
    }

    [Test]
    public void Upstream_fixtures_are_used_as_they_are_for_every_seed()
    {
        var task = FewShotTask.FromFixtures(TaskCatalog.FewShotPromCore, TestData.Root);
        var trainer = new NearestCentroidTrainer();

        var results = Runner(trainer, o => o.SeedCount = 2).RunFewShot("m", [task]);

        results.Runs.Select(r => (r.Shots, r.Seed, r.TrainCount, r.TrainingSource)).Should().Equal(
            (10, 1, 20, "fixture"), (10, 2, 20, "fixture"), (50, 1, 100, "fixture"), (50, 2, 100, "fixture"));
        var jobs = trainer.Jobs.ToList();
        jobs[0].Train.Should().BeSameAs(jobs[1].Train);
        jobs[0].Test.Should().HaveCount(5920);
        jobs[0].Settings.MaxLength.Should().Be(67);
    }

    [Test]
    public void Fixture_tasks_without_a_test_split_are_refused_clearly()
    {
        // Cohn-enh as published: 500-base fixtures for n = 10 and 50, no test split.
        using var folder = new TempFolder();
        var task = TaskCatalog.FewShotCohnEnhancers;
        var random = new Random(5);
        foreach (var fixture in task.Fixtures)
        {
            var directory = Path.Combine(folder.Path, task.RelativePath, fixture.Shots.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            var lines = new List<string> { "sequence\tlabel" };
            for (var i = 0; i < fixture.ExamplesPerClass * task.ClassCount; i++)
            {
                var bases = string.Concat(Enumerable.Range(0, 500).Select(_ => "ACGT"[random.Next(4)]));
                lines.Add(string.Join(' ', Enumerable.Range(0, 495).Select(j => bases.Substring(j, 6))) + "\t" + (i % task.ClassCount));
            }

            File.WriteAllLines(Path.Combine(directory, "train.tsv"), lines);
        }

        var act = () => FewShotTask.FromFixtures(task, folder.Path);
        act.Should().Throw<DatasetFormatException>().WithMessage("*Cohn-enh*test.tsv*missing split 'Test'*");
    }

    [Test]
    public void A_pool_too_small_for_an_n_is_refused_before_any_training()
    {
        var trainer = new NearestCentroidTrainer();
        var act = () => Runner(trainer, o => o.Shots = [10, 5000]).RunFewShot("m", [PromCoreTataPool()]);
        act.Should().Throw<ArgumentException>().WithMessage("Task prom_core_tata: class * has 24?? examples in the pool; n = 5000 per class cannot be drawn*");
        trainer.Jobs.Should().BeEmpty();
    }

    [Test]
    public void A_trainer_returning_the_wrong_number_of_predictions_is_reported()
    {
        var trainer = new NearestCentroidTrainer { Override = _ => new ClassifierPredictions([0, 1], []) };
        var act = () => Runner(trainer).RunFewShot("m", [PromCoreTataPool()]);
        act.Should().Throw<InvalidOperationException>().WithMessage("The trainer returned 2 predictions for 613 test examples (model 'm', FewShot task 'prom_core_tata', n = 10, seed 1).");
    }

    [Test]
    [Category(TestData.SharedDataCategory)]
    public void Gue_runs_train_on_dev_where_train_is_missing_and_select_on_dev_otherwise()
    {
        var trainer = new NearestCentroidTrainer();
        var logger = new ListLogger<EvaluationRunner>();
        var splice = TaskLoader.Load(TaskCatalog.SpliceReconstructed, TestData.Shared);
        var results = Runner(trainer, logger: logger).RunGue("m", [_promCoreTata, splice]);

        var jobs = trainer.Jobs.ToList();
        jobs[0].Dev.Should().HaveCount(613);
        jobs[0].Settings.Should().Be(TaskCatalog.PromCoreTata.FineTuning);
        jobs[1].Dev.Should().BeNull();
        jobs[1].Train.Should().HaveCount(4562);
        jobs[1].ClassCount.Should().Be(3);
        var spliceRun = results.Runs.Single(r => r.Task == "splice_reconstructed");
        spliceRun.TrainingSource.Should().Be("dev (train not available)");
        spliceRun.Shots.Should().Be(0);
        spliceRun.Scores.ConfusionMatrix.ClassCount.Should().Be(3);
        spliceRun.Scores.Mcc.Should().BeInRange(-1, 1);
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("dev split", StringComparison.Ordinal));
    }

    [Test]
    public void Results_round_trip_through_json_and_combine()
    {
        var a = Runner(new NearestCentroidTrainer(), o => o.SeedCount = 1).RunFewShot("A", [PromCoreTataPool()]);
        var b = Runner(new NearestCentroidTrainer(), o => o.SeedCount = 1).RunFewShot("B", [PromCoreTataPool()]);

        var parsed = EvaluationResults.FromJson(a.ToJson());
        parsed.ToJson().Should().Be(a.ToJson());
        parsed.Runs.First().Scores.Should().BeEquivalentTo(a.Runs.First().Scores);

        var combined = EvaluationResults.Combine([a, b, a]);
        combined.Count.Should().Be(4);
        combined.Runs.Select(r => r.Model).Should().Equal("A", "A", "B", "B");
    }

    [Test]
    public void Conflicting_results_for_one_run_are_refused()
    {
        var a = Runner(new NearestCentroidTrainer(), o => { o.SeedCount = 1; o.Shots = [10]; }).RunFewShot("A", [PromCoreTataPool()]);
        var run = a.Runs.Single();
        var other = run with { Scores = ClassificationScores.Compute([0, 1], [1, 1], 2) };
        var act = () => EvaluationResults.Combine([a, new EvaluationResults([other])]);
        act.Should().Throw<ArgumentException>().WithMessage("Conflicting results for model 'A', FewShot task 'prom_core_tata', n = 10, seed 1*");
    }

    [Test]
    public void Results_files_of_another_version_are_refused()
    {
        var act = () => EvaluationResults.FromJson("{\"formatVersion\":2,\"runs\":[]}", "old.json");
        act.Should().Throw<FormatException>().WithMessage("old.json: formatVersion 2; expected 1.");
        FluentActions.Invoking(() => EvaluationResults.FromJson("[1,2]", "x.json")).Should().Throw<FormatException>().WithMessage("x.json: not a results file*");
    }

    [Test]
    public void Invalid_options_are_refused_with_the_offending_values()
    {
        var act = () => Runner(new NearestCentroidTrainer(), o => { o.Shots = [10, 0, 10]; o.SeedCount = 0; });
        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("SeedCount", StringComparison.Ordinal))
            .And.Contain("EvaluationOptions.Shots holds 0; every n must be at least 1.")
            .And.Contain("EvaluationOptions.Shots lists 10 more than once.");
    }

    [Test]
    public void Dependency_injection_registers_a_validated_runner()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ISequenceClassifierTrainer, NearestCentroidTrainer>()
            .AddGeneMaskEvaluation(o => o.SeedCount = 2)
            .BuildServiceProvider();
        services.GetRequiredService<EvaluationRunner>().Should().NotBeNull();
        services.GetRequiredService<IOptions<EvaluationOptions>>().Value.SeedCount.Should().Be(2);

        using var invalid = new ServiceCollection()
            .AddGeneMaskEvaluation(o => o.SeedCount = 0)
            .BuildServiceProvider();
        var act = () => invalid.GetRequiredService<IOptions<EvaluationOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().WithMessage("*SeedCount*");
    }

    [Test]
    public void Cancellation_stops_between_runs()
    {
        using var source = new CancellationTokenSource();
        var trainer = new NearestCentroidTrainer();
        trainer.Override = job =>
        {
            source.Cancel();
            trainer.Override = null;
            return trainer.FineTuneAndPredict(job);
        };
        var act = () => Runner(trainer).RunFewShot("m", [PromCoreTataPool()], cancellationToken: source.Token);
        act.Should().Throw<OperationCanceledException>();
        trainer.Jobs.Should().HaveCount(2, "the first run finishes (the override re-enters once), nothing after the cancellation starts");
    }
}

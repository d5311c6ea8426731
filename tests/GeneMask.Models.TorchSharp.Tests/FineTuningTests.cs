using GeneMask.Evaluation;
using GeneMask.Models.TorchSharp.Training;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Tests;

public sealed class FineTuningTests
{
    private static List<LabelledSequence> ReadGue(string split, int take) =>
        File.ReadLines(GeneMask.Tests.TestData.Path("gue", "prom", "prom_core_tata", split + ".csv"))
            .Skip(1)
            .Take(take)
            .Select(line => line.Split(','))
            .Select(parts => new LabelledSequence(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    private static FineTuneJob Job(int seed, bool withDev = true) => new(
        "prom_core_tata",
        2,
        ReadGue("train", 800),
        withDev ? ReadGue("dev", 200) : null,
        ReadGue("test", 300),
        new FineTuneSettings(LearningRate: 2e-3, Epochs: 3, BatchSize: 16, MaxLength: 80),
        seed);

    [Test]
    public void Fine_tuning_on_a_real_GUE_slice_beats_chance_and_is_deterministic()
    {
        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }));
        var job = Job(seed: 3);
        var first = trainer.FineTuneAndPredict(job);
        var accuracy = first.PredictedLabels.Zip(job.Test, (p, t) => p == t.Label ? 1.0 : 0.0).Average();

        // 300 balanced test examples: chance is 0.5 with a standard deviation of 0.029.
        TestContext.Out.WriteLine($"prom_core_tata slice: test accuracy {accuracy:F3}");
        accuracy.Should().BeGreaterThan(0.62);
        first.Probabilities.Should().HaveCount(2 * job.Test.Count);
        for (var i = 0; i < job.Test.Count; i++)
        {
            (first.Probabilities[2 * i] + first.Probabilities[(2 * i) + 1]).Should().BeApproximately(1f, 1e-5f);
            first.PredictedLabels[i].Should().Be(first.Probabilities[2 * i] >= first.Probabilities[(2 * i) + 1] ? 0 : 1);
        }

        var second = trainer.FineTuneAndPredict(job);
        second.Probabilities.Should().Equal(first.Probabilities);
    }

    [Test]
    public void Two_accumulated_micro_batches_of_8_train_as_one_batch_of_16()
    {
        // No dropout in the tiny model: the only difference is how the 16 rows of a step are split.
        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }));
        var settings = new FineTuneSettings(LearningRate: 2e-3, Epochs: 1, BatchSize: 16, MaxLength: 80);
        var job = Job(seed: 4, withDev: false) with { Train = ReadGue("train", 150), Settings = settings };
        var whole = trainer.FineTuneAndPredict(job);
        var accumulated = trainer.FineTuneAndPredict(job with { Settings = settings with { BatchSize = 8, GradientAccumulationSteps = 2 } });
        var halves = trainer.FineTuneAndPredict(job with { Settings = settings with { BatchSize = 8 } });

        accumulated.Probabilities.Zip(whole.Probabilities, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f);
        halves.Probabilities.Zip(whole.Probabilities, (a, b) => Math.Abs(a - b)).Max().Should().BeGreaterThan(1e-3f, "twice the steps of half the rows is another run");
    }

    [Test]
    public void Dev_is_evaluated_every_EvaluationSteps_and_MaxSteps_caps_the_run()
    {
        var logger = new RecordingLogger();
        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }), logger);

        // 160 rows in steps of 16: 10 steps an epoch, 20 in two epochs, capped at 7; dev every 3 steps: after 3 and 6.
        var settings = new FineTuneSettings(LearningRate: 5e-3, Epochs: 2, BatchSize: 16, MaxLength: 80) { EvaluationSteps = 3, MaxSteps = 7 };
        trainer.FineTuneAndPredict(Job(seed: 2) with { Train = ReadGue("train", 160), Settings = settings });

        logger.Entries.Single(e => e.EventId == 8).Values["Steps"].Should().Be(7L);
        logger.Entries.Count(e => e.EventId == 9).Should().Be(2);

        logger.Entries.Clear();
        trainer.FineTuneAndPredict(Job(seed: 2) with { Train = ReadGue("train", 160), Settings = settings with { MaxSteps = null } });
        logger.Entries.Single(e => e.EventId == 8).Values["Steps"].Should().Be(20L);
        logger.Entries.Count(e => e.EventId == 9).Should().Be(6, "after steps 3, 6, …, 18");
    }

    [Test]
    public void Fine_tuning_dropout_applies_to_a_model_pretrained_without_it()
    {
        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }));
        var job = Job(seed: 5, withDev: false) with { Train = ReadGue("train", 96) };
        var without = trainer.FineTuneAndPredict(job);
        var with = trainer.FineTuneAndPredict(job with { Settings = job.Settings with { HiddenDropout = 0.1 } });
        var again = trainer.FineTuneAndPredict(job with { Settings = job.Settings with { HiddenDropout = 0.1 } });

        with.Probabilities.Should().Equal(again.Probabilities, "dropout is seeded");
        with.Probabilities.Zip(without.Probabilities, (a, b) => Math.Abs(a - b)).Max().Should().BeGreaterThan(1e-3f, "Tiny.Config has dropout 0; the setting turns it on");
    }

    [Test]
    public void The_epoch_with_the_lowest_dev_loss_is_kept()
    {
        var logger = new RecordingLogger();
        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }), logger);
        var job = Job(seed: 2) with { Train = ReadGue("train", 160), Settings = new FineTuneSettings(LearningRate: 5e-3, Epochs: 4, BatchSize: 16, MaxLength: 80) };
        trainer.FineTuneAndPredict(job);

        var devLosses = logger.Entries.Where(e => e.EventId == 9).Select(e => (Epoch: (int)e.Values["Epoch"]!, Loss: (double)e.Values["DevLoss"]!)).ToList();
        devLosses.Should().HaveCount(4);
        var selected = logger.Entries.Where(e => e.EventId == 10).Select(e => (int)e.Values["Epoch"]!).ToList();
        selected.Should().NotBeEmpty();
        selected[^1].Should().Be(devLosses.MinBy(d => d.Loss).Epoch);
    }

    [Test]
    public void Fine_tuning_starts_from_a_pretrained_checkpoint()
    {
        var dir = Tiny.TempDirectory();
        using (var pretrained = BertForMaskedLM.Create(Tiny.Config, seed: 5))
        {
            pretrained.SavePretrained(dir);
        }

        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { PretrainedModelPath = dir }));
        var job = Job(seed: 1, withDev: false) with { Settings = new FineTuneSettings(1e-3, 1, 16, MaxLength: 80), Train = ReadGue("train", 64) };
        var predictions = trainer.FineTuneAndPredict(job);
        predictions.PredictedLabels.Should().HaveCount(300);
    }

    [Test]
    public void Invalid_options_and_jobs_are_rejected_with_the_offending_value()
    {
        var noModel = () => new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions()));
        noModel.Should().Throw<OptionsValidationException>().WithMessage("*PretrainedModelPath or Config*");

        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }));
        var badLabel = Job(1) with { Train = [new LabelledSequence("ACGTACGTACGT", 2)] };
        ((Action)(() => trainer.FineTuneAndPredict(badLabel))).Should().Throw<ArgumentException>().WithMessage("*train example 0*label 2*0..1*");
    }

    [TestCase(10, new[] { 2, 1, 11, 12, 13, 1, 3 })]
    [TestCase(7, new[] { 2, 1, 11, 12, 13, 1, 3 })]
    [TestCase(6, new[] { 2, 1, 11, 12, 13, 3 })]
    [TestCase(4, new[] { 2, 1, 11, 3 })]
    [TestCase(3, new[] { 2, 1, 3 })]
    public void Unknown_ends_wrap_the_k_mers_and_are_cut_from_the_end_like_the_upstream_reader(int maxLength, int[] expected)
    {
        // [CLS]=2 [UNK]=1 k-mers [UNK] [SEP]=3; at most maxLength ids, the tail cut first.
        SequenceClassifierTrainer.EncodeWithUnknownEnds([11, 12, 13], maxLength).Should().Equal(expected);
    }

    [Test]
    public void Training_with_unknown_ends_changes_the_run_and_leaves_the_test_encoding_alone()
    {
        var trainer = new SequenceClassifierTrainer(Options.Create(new SequenceClassifierOptions { Config = Tiny.Config }));
        var job = Job(seed: 5, withDev: false) with { Settings = new FineTuneSettings(LearningRate: 2e-3, Epochs: 1, BatchSize: 16, MaxLength: 80) };

        var plain = trainer.FineTuneAndPredict(job);
        var quoted = trainer.FineTuneAndPredict(job with { UnknownAroundTraining = true });
        var again = trainer.FineTuneAndPredict(job with { UnknownAroundTraining = true });

        quoted.Probabilities.Should().NotEqual(plain.Probabilities);
        again.Probabilities.Should().Equal(quoted.Probabilities);
    }
}

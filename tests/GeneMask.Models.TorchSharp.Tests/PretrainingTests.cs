using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Pretraining runs on a real corpus: the chr2 slice cut, cleaned and tokenized by the corpus builder.</summary>
public sealed class PretrainingTests : Chr2CorpusFixture
{
    private static PretrainingOptions Options(string output, long steps) => new()
    {
        MaxSteps = steps,
        BatchSize = 16,
        GradientAccumulationSteps = 1,
        LearningRate = 1e-2,
        WarmupSteps = 3,
        MaxSequenceLength = 66,
        EvaluationInterval = 5,
        MaxValidationRows = 400,
        CheckpointInterval = 0,
        OutputDirectory = output,
        Seed = 11,
    };

    private static ConstantCurriculum KmerSpan() => new(new KmerSpanMasking(new KmerSpanMaskingOptions { Probability = 0.05 }));

    [Test]
    public void Loss_starts_near_ln_vocabulary_and_goes_down_on_real_DNA_in_exactly_max_steps()
    {
        var output = Tiny.TempDirectory();
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var options = Options(output, 100);
        options.EvaluationInterval = 20;
        var trainer = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options));
        var result = trainer.Train(model, Train, Validation, new ConstantCurriculum(new RandomTokenMasking()));

        result.Steps.Should().HaveCount(100);
        result.Steps.Select(s => s.Step).Should().Equal(Enumerable.Range(1, 100).Select(i => (long)i));
        result.Steps[0].Loss.Should().BeApproximately(Math.Log(4101), 0.25);

        // A tiny model first learns the k-mer frequencies: the unigram bound of this slice is 8.07 nats (entropy of
        // its 6-mer distribution), ln 4101 = 8.32. Seeds fix every number, so the margins are not noise allowances.
        var firstTrain = result.Steps.Take(20).Average(s => s.Loss);
        var lastTrain = result.Steps.TakeLast(20).Average(s => s.Loss);
        lastTrain.Should().BeLessThan(firstTrain - 0.1, $"training loss should fall (first 20 steps {firstTrain:F3}, last 20 {lastTrain:F3})");
        result.Validations.Select(v => v.Step).Should().Equal(20, 40, 60, 80, 100);
        var validation = result.Validations.Select(v => v.Loss).ToArray();
        validation[^1].Should().BeLessThan(validation[0] - 0.12, $"validation loss should fall ({string.Join(", ", validation)})");
        validation[^1].Should().BeLessThan(Math.Log(4101) - 0.12);
        result.Validations[^1].Perplexity.Should().BeApproximately(Math.Exp(validation[^1]), 1e-9);
        result.Steps[^1].LearningRate.Should().BeGreaterThan(0, "no step is wasted at learning rate 0");

        var lines = File.ReadAllLines(Path.Combine(output, MlmPretrainer.MetricsFileName));
        lines.Should().HaveCount(100);
        lines[19].Should().Contain("\"step\":20").And.Contain("\"perplexity\":").And.Contain("\"strategy\":\"random-token\"").And.Contain("\"masking_probability\":0.15").And.Contain("\"tokens_per_second\":");
        File.Exists(Path.Combine(output, "model", "model.safetensors")).Should().BeTrue();
        using var exported = BertForMaskedLM.FromPretrained(Path.Combine(output, "model"));
    }

    [Test]
    public void Resumed_run_gives_the_same_losses_as_an_uninterrupted_one()
    {
        const int N = 6;
        var straightDir = Tiny.TempDirectory();
        var options = Options(straightDir, 2 * N);
        options.CheckpointInterval = N;
        options.GradientAccumulationSteps = 2;
        options.BatchSize = 4;
        options.EvaluationInterval = 4;
        using var straightModel = BertForMaskedLM.Create(Tiny.Config with { HiddenDropout = 0.1, AttentionDropout = 0.1 }, seed: 3);
        var straight = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options))
            .Train(straightModel, Train, Validation, CmGems(threshold: 1e9, interval: 4));

        var resumedDir = Tiny.TempDirectory();
        var firstHalf = Clone(options, resumedDir);
        using var stop = new CancellationTokenSource();
        var losses = new List<double>();
        using (var model = BertForMaskedLM.Create(Tiny.Config with { HiddenDropout = 0.1, AttentionDropout = 0.1 }, seed: 3))
        {
            var interrupted = () => new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(firstHalf)).Train(
                model, Train, Validation, CmGems(threshold: 1e9, interval: 4),
                progress: new SynchronousProgress<PretrainingProgress>(p =>
                {
                    losses.Add(p.Metrics.Loss);
                    if (p.Step == N)
                    {
                        stop.Cancel();
                    }
                }),
                cancellationToken: stop.Token);
            interrupted.Should().Throw<OperationCanceledException>();
        }

        TrainingCheckpoint.ReadState(Path.Combine(resumedDir, MlmPretrainer.CheckpointFileName)).Step.Should().Be(N);

        // A fresh process would start from a freshly initialised model: use another seed to prove the weights come from the checkpoint.
        using var resumedModel = BertForMaskedLM.Create(Tiny.Config with { HiddenDropout = 0.1, AttentionDropout = 0.1 }, seed: 99);
        var curriculum = CmGems(threshold: 1e9, interval: 4);
        var resumed = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(Clone(options, resumedDir)))
            .Train(resumedModel, Train, Validation, curriculum);

        resumed.StartStep.Should().Be(N);
        losses.Concat(resumed.Steps.Select(s => s.Loss)).Should().Equal(straight.Steps.Select(s => s.Loss));
        resumed.Steps.Select(s => s.Strategy).Should().Equal(straight.Steps.Skip(N).Select(s => s.Strategy));
        resumed.Validations.Select(v => v.Perplexity).Should().Equal(straight.Validations.Where(v => v.Step > N).Select(v => v.Perplexity));
        File.ReadAllLines(Path.Combine(resumedDir, MlmPretrainer.MetricsFileName)).Should().HaveCount(2 * N);
        curriculum.SwitchStep.Should().Be(8, "the switch happened after the resume, at the second evaluation");
    }

    // A rate at which the tiny model's validation perplexity falls steadily over its first steps (at 1e-2 it jumps).
    private const double SwitchLearningRate = 2e-3;

    [Test]
    public void CM_GEMS_switches_on_the_perplexities_theTrainer_measured()
    {
        // Calibration: the same run with threshold 0 (no switch while the perplexity falls) measures the perplexities at 5, 10, 15.
        var calibration = new RecordingCurriculum(CmGems(threshold: 0, interval: 5));
        using (var model = BertForMaskedLM.Create(Tiny.Config, seed: 1))
        {
            var options = Options(Tiny.TempDirectory(), 15);
            options.EvaluationInterval = 0; // the curriculum's
            options.LearningRate = SwitchLearningRate;
            var measured = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options)).Train(model, Train, Validation, calibration);

            // The curriculum heard exactly what the trainer measured: same steps, same values.
            calibration.Received.Should().Equal(measured.Validations.Select(v => (v.Step, v.Perplexity)));
            measured.Validations.Select(v => v.Step).Should().Equal(5L, 10L, 15L);
            measured.SwitchStep.Should().BeNull();
        }

        var drop = calibration.Received[0].Perplexity - calibration.Received[1].Perplexity;
        drop.Should().BeGreaterThan(0.01, "a tiny model's perplexity falls over its first steps");

        // Just above the measured drop: the second evaluation switches; just below: it does not.
        var (switched, result, output) = Run(threshold: drop + 0.005);
        switched.SwitchStep.Should().Be(10);
        result.SwitchStep.Should().Be(10);
        result.PhaseChanges.Should().ContainSingle().Which.Should().Be(new PhaseChange(10, "genemask", "global"));
        result.Steps.Take(10).Should().OnlyContain(s => s.Strategy == "genemask" && Math.Abs(s.MaskingProbability - (0.15 / 8.5)) < 1e-12);
        result.Steps.Skip(10).Should().OnlyContain(s => s.Strategy == "global" && Math.Abs(s.MaskingProbability - (0.15 / 11)) < 1e-12);
        result.Validations.Select(v => v.Phase).Should().Equal("genemask", "genemask", "global");
        var changeLines = File.ReadAllLines(Path.Combine(output, MlmPretrainer.MetricsFileName)).Where(l => l.Contains("phase_changed_to", StringComparison.Ordinal)).ToList();
        changeLines.Should().ContainSingle().Which.Should().Contain("\"step\":11,").And.Contain("\"phase_changed_to\":\"global\"").And.Contain("\"phase_changed_from\":\"genemask\"");

        var (stayed, notSwitched, _) = Run(threshold: drop - 0.005);
        stayed.SwitchStep.Should().NotBe(10, "the drop at 10 is above the threshold");
        notSwitched.SwitchStep.Should().BeNull("no step follows a decision at the last evaluation");
        notSwitched.Steps.Should().OnlyContain(s => s.Strategy == "genemask");

        (CmGemsCurriculum, PretrainingResult, string) Run(double threshold)
        {
            var output = Tiny.TempDirectory();
            using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
            var curriculum = CmGems(threshold, interval: 5);
            var options = Options(output, 15);
            options.EvaluationInterval = 0;
            options.LearningRate = SwitchLearningRate;
            return (curriculum, new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options)).Train(model, Train, Validation, curriculum), output);
        }
    }

    [Test]
    public void A_run_interrupted_after_its_switch_reports_the_same_switch_step_when_resumed()
    {
        const int Interval = 2;
        var calibration = new RecordingCurriculum(CmGems(threshold: 0, interval: Interval));
        using (var model = BertForMaskedLM.Create(Tiny.Config, seed: 5))
        {
            new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(ResumeOptions(Tiny.TempDirectory()))).Train(model, Train, Validation, calibration);
        }

        // Switch at the second evaluation (step 4), checkpoint at 6, stop at 7, resume to 10.
        var threshold = Math.Max(0, calibration.Received[0].Perplexity - calibration.Received[1].Perplexity) + 0.005;
        PretrainingResult straight;
        using (var model = BertForMaskedLM.Create(Tiny.Config, seed: 5))
        {
            straight = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(ResumeOptions(Tiny.TempDirectory()))).Train(model, Train, Validation, CmGems(threshold, Interval));
        }

        straight.SwitchStep.Should().Be(4);
        var output = Tiny.TempDirectory();
        using var stop = new CancellationTokenSource();
        using (var model = BertForMaskedLM.Create(Tiny.Config, seed: 5))
        {
            var interrupted = () => new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(ResumeOptions(output))).Train(
                model, Train, Validation, CmGems(threshold, Interval),
                progress: new SynchronousProgress<PretrainingProgress>(p =>
                {
                    if (p.Step == 7)
                    {
                        stop.Cancel();
                    }
                }),
                cancellationToken: stop.Token);
            interrupted.Should().Throw<OperationCanceledException>();
        }

        using var resumedModel = BertForMaskedLM.Create(Tiny.Config, seed: 5);
        var curriculum = CmGems(threshold, Interval);
        var resumed = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(ResumeOptions(output))).Train(resumedModel, Train, Validation, curriculum);

        resumed.StartStep.Should().Be(6);
        resumed.PhaseChanges.Should().BeEmpty("the switch happened before the interruption");
        resumed.RunPhaseChanges.Should().Equal(straight.RunPhaseChanges);
        resumed.SwitchStep.Should().Be(4);
        curriculum.SwitchStep.Should().Be(4);
        resumed.Steps.Select(s => s.Loss).Should().Equal(straight.Steps.Skip(6).Select(s => s.Loss));
        File.ReadAllLines(Path.Combine(output, MlmPretrainer.MetricsFileName)).Count(l => l.Contains("phase_changed_to", StringComparison.Ordinal)).Should().Be(1);

        static PretrainingOptions ResumeOptions(string output)
        {
            var options = Options(output, 10);
            options.BatchSize = 8;
            options.EvaluationInterval = 0;
            options.CheckpointInterval = 6;
            return options;
        }
    }

    [Test]
    public void Bf16_pretraining_runs_with_finite_losses()
    {
        var options = Options(Tiny.TempDirectory(), 4);
        options.Precision = ModelPrecision.Bf16;
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var result = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options)).Train(model, Train, Validation, KmerSpan());
        result.Steps.Should().HaveCount(4).And.OnlyContain(s => double.IsFinite(s.Loss) && Math.Abs(s.Loss - Math.Log(4101)) < 0.5);
        model.state_dict()["bert.encoder.layer.0.output.dense.weight"].dtype.Should().Be(ScalarType.BFloat16);
    }

    [Test]
    public void Live_tensor_count_does_not_grow_across_steps()
    {
        var output = Tiny.TempDirectory();
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var counts = new List<long>();
        var trainer = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(Options(output, 12)))
        {
            AfterStep = _ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount),
        };
        trainer.Train(model, Train, Validation, KmerSpan());
        counts.Should().HaveCount(12);
        counts.Skip(1).Should().OnlyContain(c => c == counts[1], $"live tensors per step: {string.Join(", ", counts)}");
    }

    [Test]
    public void NaN_loss_stops_the_run_and_keeps_the_last_good_checkpoint()
    {
        var output = Tiny.TempDirectory();
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var options = Options(output, 10);
        options.CheckpointInterval = 2;
        var trainer = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options))
        {
            AfterStep = step =>
            {
                if (step == 3)
                {
                    using var noGrad = no_grad();
                    model.state_dict()["cls.predictions.transform.dense.weight"].fill_(float.NaN);
                }
            },
        };
        var checkpoint = Path.Combine(output, MlmPretrainer.CheckpointFileName);
        var act = () => trainer.Train(model, Train, Validation, KmerSpan());
        act.Should().Throw<TrainingDivergedException>()
            .WithMessage("*NaN at step 4*")
            .Which.LastGoodCheckpoint.Should().Be(checkpoint);
        TrainingCheckpoint.ReadState(checkpoint).Step.Should().Be(2);
    }

    [Test]
    public void A_failed_checkpoint_write_leaves_the_previous_one_resumable()
    {
        var output = Tiny.TempDirectory();
        var options = Options(output, 6);
        options.CheckpointInterval = 2;
        var writes = 0;
        using (var model = BertForMaskedLM.Create(Tiny.Config, seed: 1))
        {
            var trainer = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options))
            {
                CheckpointStreamWrapper = s => ++writes == 2 ? new FailingStream(s, 100_000) : s,
            };
            ((Action)(() => trainer.Train(model, Train, Validation, KmerSpan()))).Should().Throw<IOException>();
        }

        var checkpoint = Path.Combine(output, MlmPretrainer.CheckpointFileName);
        TrainingCheckpoint.ReadState(checkpoint).Step.Should().Be(2);
        Directory.GetFiles(output, "*.tmp").Should().BeEmpty();
        using var resumedModel = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var resumed = new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(Clone(options, output))).Train(resumedModel, Train, Validation, KmerSpan());
        resumed.StartStep.Should().Be(2);
        resumed.Steps.Should().HaveCount(4);
    }

    [Test]
    public void Resuming_with_other_settings_is_refused()
    {
        var output = Tiny.TempDirectory();
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var original = Options(output, 4);
        new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(original)).Train(model, Train, Validation, KmerSpan());
        var changed = Options(output, 4);
        changed.LearningRate = 1e-4;
        var act = () => new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(changed)).Train(model, Train, Validation, KmerSpan());
        var error = act.Should().Throw<RunMismatchException>().Which;
        error.Message.Should().Contain("checkpoint.gmck belongs to a different run: lr 0.01 → 0.0001.");
        error.Differences.Should().ContainSingle().Which.Should().Be(new RunDifference("lr", "0.01", "0.0001"));
    }

    [Test]
    public void Invalid_options_name_the_field_and_value()
    {
        var options = Options(Tiny.TempDirectory(), 10);
        options.WarmupSteps = 10;
        options.BatchSize = 0;
        var act = () => new MlmPretrainer(Microsoft.Extensions.Options.Options.Create(options));
        act.Should().Throw<OptionsValidationException>().WithMessage("*BatchSize must be at least 1; found 0*WarmupSteps must be in [0, MaxSteps = 10); found 10*");
    }

    [Test]
    public void Paper_presets_match_reference_section_7()
    {
        var dnabert = PretrainingOptions.GeneMaskDnaBert();
        (dnabert.BatchSize, dnabert.GradientAccumulationSteps, dnabert.LearningRate, dnabert.WarmupSteps, dnabert.MaxSteps).Should().Be((10, 25, 8e-4, 500L, 10_000L));
        (dnabert.WeightDecay, dnabert.Beta1, dnabert.Beta2, dnabert.AdamEpsilon, dnabert.MaxGradientNorm, dnabert.MaxSequenceLength).Should().Be((0.01, 0.9, 0.98, 1e-6, 1.0, 512));
        var logo = PretrainingOptions.GeneMaskLogo(1_000);
        (logo.BatchSize, logo.GradientAccumulationSteps, logo.MaxSteps).Should().Be((5, 1, 1_000L));
        var original = PretrainingOptions.DnaBertOriginal();
        (original.LearningRate, original.WarmupSteps, original.MaxSteps).Should().Be((4e-4, 10_000L, 120_000L));
    }

    private static CmGemsCurriculum CmGems(double threshold, int interval) =>
        CmGemsCurriculum.Create(PmiTable.LoadDefault(), new CmGemsCurriculumOptions { Threshold = threshold, EvaluationInterval = interval });

    private static PretrainingOptions Clone(PretrainingOptions o, string output) => new()
    {
        MaxSteps = o.MaxSteps,
        BatchSize = o.BatchSize,
        GradientAccumulationSteps = o.GradientAccumulationSteps,
        LearningRate = o.LearningRate,
        WarmupSteps = o.WarmupSteps,
        MaxSequenceLength = o.MaxSequenceLength,
        EvaluationInterval = o.EvaluationInterval,
        MaxValidationRows = o.MaxValidationRows,
        CheckpointInterval = o.CheckpointInterval,
        OutputDirectory = output,
        Seed = o.Seed,
    };

    /// <summary>Forwards to a curriculum and records every evaluation it receives.</summary>
    private sealed class RecordingCurriculum(ICurriculumScheduler inner) : ICurriculumScheduler
    {
        public List<(long Step, double Perplexity)> Received { get; } = [];

        public string Name => inner.Name;

        public int? EvaluationInterval => inner.EvaluationInterval;

        public MaskingPhase CurrentPhase => inner.CurrentPhase;

        public IReadOnlyList<EvaluationRecord> Evaluations => inner.Evaluations;

        public event EventHandler<MaskingPhaseChangedEventArgs>? PhaseChanged
        {
            add => inner.PhaseChanged += value;
            remove => inner.PhaseChanged -= value;
        }

        public MaskingPhase GetPhase(TrainingState state) => inner.GetPhase(state);

        public MaskingPhase PeekPhase(TrainingState state) => inner.PeekPhase(state);

        public void OnEvaluation(long optimizerStep, double perplexity)
        {
            Received.Add((optimizerStep, perplexity));
            inner.OnEvaluation(optimizerStep, perplexity);
        }

        public CurriculumState SaveState() => inner.SaveState();

        public void RestoreState(CurriculumState state) => inner.RestoreState(state);
    }
}

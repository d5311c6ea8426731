using GeneMask.Evaluation;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Mixed precision: fp32 master weights with bf16/fp16 compute, fp16 loss scaling, exact resume.</summary>
public sealed class MixedPrecisionTests : Chr2CorpusFixture
{
    [Test]
    public void Bf16_mixed_computes_in_bf16_and_matches_fp32_within_bf16_rounding()
    {
        var (ids, mask, labels) = Tiny.MaskedBatch(Tiny.GenomeRows(4, 40), seed: 5);
        using var fp32 = BertForMaskedLM.Create(Tiny.Config, seed: 2);
        using var mixed = BertForMaskedLM.Create(Tiny.Config, seed: 2).UsePrecision(ModelPrecision.Bf16Mixed);

        using var lossFp32 = fp32.MaskedLmLoss(ids, mask, labels);
        using var lossMixed = mixed.MaskedLmLoss(ids, mask, labels);
        lossFp32.backward();
        lossMixed.backward();

        lossMixed.dtype.Should().Be(ScalarType.Float32, "the loss is reduced in float32");
        var a = lossFp32.item<float>();
        var b = lossMixed.item<float>();
        b.Should().NotBe(a, "the linear layers really ran in bf16");

        // bf16 keeps 8 significant bits (relative rounding 2⁻⁹ ≈ 0.2 %); a loss of ~8.3 nats may move by a few of those.
        Math.Abs(a - b).Should().BeLessThan(0.05f);
        var fp32Parameters = fp32.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in mixed.named_parameters())
        {
            parameter.dtype.Should().Be(ScalarType.Float32, $"{name} is a float32 master weight");
            parameter.grad!.dtype.Should().Be(ScalarType.Float32, $"{name}'s gradient reaches the master weight in float32");
            if (name.EndsWith("key.bias", StringComparison.Ordinal))
            {
                continue; // Softmax ignores a shift shared by all keys: this gradient is zero, both are rounding noise.
            }

            using var reference = fp32Parameters[name].grad!;
            using var cosine = nn.functional.cosine_similarity(parameter.grad!.flatten(), reference.flatten(), dim: 0);
            cosine.item<float>().Should().BeGreaterThan(0.98f, $"the gradient of {name} points the same way as fp32's");
        }
    }

    [Test]
    public void Fp32_master_weights_keep_updates_that_pure_bf16_rounds_away()
    {
        // Adam's first steps move every weight by about the learning rate; 1e-5 is far below bf16's spacing at 1.0
        // (2⁻⁸ below, 2⁻⁷ above), so LayerNorm gains starting at exactly 1 can only move with fp32 master weights.
        var rows = Tiny.GenomeRows(4, 40);
        double MaxGainChange(ModelPrecision precision)
        {
            using var model = BertForMaskedLM.Create(Tiny.Config, seed: 2).UsePrecision(precision);
            using var optimizer = OptimizerSetup.CreateAdamW(model, 1e-5, 0.01, 0.9, 0.98, 1e-6);
            var parameters = model.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
            for (var step = 0; step < 3; step++)
            {
                using var scope = NewDisposeScope();
                var (ids, mask, labels) = Tiny.MaskedBatch(rows, seed: step);
                model.MaskedLmLoss(ids, mask, labels).backward();
                GradientStep.ClipAndStep(optimizer, parameters, 1.0, scaler: null).Should().BeTrue();
                optimizer.zero_grad();
            }

            using var gain = model.state_dict()["bert.encoder.layer.0.output.LayerNorm.weight"].to_type(ScalarType.Float64);
            using var change = (gain - 1).abs().max();
            return change.item<double>();
        }

        var mixed = MaxGainChange(ModelPrecision.Bf16Mixed);
        mixed.Should().BeInRange(1e-6, 1e-4, "three Adam steps of lr 1e-5 move a gain by up to 3e-5");
        MaxGainChange(ModelPrecision.Bf16).Should().Be(0, "every update is below half of bf16's spacing at 1.0");
        MaxGainChange(ModelPrecision.Fp32).Should().BeApproximately(mixed, 1e-5);
    }

    [Test]
    public void Loss_scaler_unscales_clips_skips_overflow_and_grows()
    {
        using var weight = nn.Parameter(zeros(2));
        var parameters = new[] { weight };
        var scaler = new DynamicLossScaler(initialScale: 8, growthInterval: 2);

        // Scaled gradient (24, 32) = 8 × (3, 4): norm 5, clipped to 1 → (0.6, 0.8).
        weight.grad = tensor(new[] { 24f, 32f });
        scaler.UnscaleAndClip(parameters, maxNorm: 1.0).Should().BeTrue();
        weight.grad!.data<float>().ToArray().Should().Equal([0.6f, 0.8f], (x, y) => Math.Abs(x - y) < 1e-6);
        (scaler.Scale, scaler.CleanSteps).Should().Be((8.0, 1));

        // An overflow: the step is skipped and counted, the scale halves, the clean streak restarts.
        weight.grad = tensor(new[] { float.PositiveInfinity, 1f });
        scaler.UnscaleAndClip(parameters, 1.0).Should().BeFalse();
        (scaler.Scale, scaler.CleanSteps, scaler.SkippedSteps).Should().Be((4.0, 0, 1L));
        weight.grad = tensor(new[] { float.NaN, 1f });
        scaler.UnscaleAndClip(parameters, 1.0).Should().BeFalse();
        (scaler.Scale, scaler.SkippedSteps).Should().Be((2.0, 2L));

        // Below the clipping norm the gradient is only unscaled; two clean steps double the scale.
        weight.grad = tensor(new[] { 0.2f, 0f });
        scaler.UnscaleAndClip(parameters, 1.0).Should().BeTrue();
        weight.grad!.data<float>()[0].Should().BeApproximately(0.1f, 1e-7f);
        weight.grad = tensor(new[] { 0.2f, 0f });
        scaler.UnscaleAndClip(parameters, 1.0).Should().BeTrue();
        (scaler.Scale, scaler.CleanSteps, scaler.SkippedSteps).Should().Be((4.0, 0, 2L));
    }

    [Test]
    public void Fp16_mixed_pretraining_skips_and_counts_overflowing_steps()
    {
        // A scale of 2³⁰ makes the fp16 gradients of the logits overflow; the scaler must back off until they fit.
        var options = Options(Tiny.TempDirectory(), 30, ModelPrecision.Fp16Mixed);
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var before = model.state_dict()["bert.encoder.layer.0.output.dense.weight"].clone();
        var weightsAfterStep1 = (Tensor?)null;
        var trainer = new MlmPretrainer(MsOptions.Create(options))
        {
            InitialLossScale = 1 << 30,
            AfterStep = step =>
            {
                if (step == 1)
                {
                    weightsAfterStep1 = model.state_dict()["bert.encoder.layer.0.output.dense.weight"].clone();
                }
            },
        };
        var result = trainer.Train(model, Train, Validation, KmerSpan());

        var skipped = result.Steps.Where(s => s.Skipped == true).ToArray();
        skipped.Should().NotBeEmpty();
        result.SkippedSteps.Should().Be(skipped.Length);
        result.Steps[0].Skipped.Should().BeTrue();
        result.Steps[0].LossScale.Should().Be(1 << 30);
        weightsAfterStep1!.allclose(before, rtol: 0, atol: 0).Should().BeTrue("a skipped step leaves the weights as they were");
        for (var i = 1; i < result.Steps.Count; i++)
        {
            var previous = result.Steps[i - 1];
            result.Steps[i].LossScale.Should().Be(previous.Skipped == true ? previous.LossScale / 2 : previous.LossScale, $"step {i + 1}");
        }

        result.Steps[^1].Skipped.Should().BeFalse("the scale came down far enough for fp16");
        result.Steps.Should().OnlyContain(s => double.IsFinite(s.Loss));
        model.parameters().Should().OnlyContain(p => p.dtype == ScalarType.Float32);
        File.ReadAllLines(Path.Combine(options.OutputDirectory, MlmPretrainer.MetricsFileName))[0].Should().Contain("\"loss_scale\":1073741824").And.Contain("\"skipped\":true");
    }

    [TestCase(ModelPrecision.Bf16Mixed)]
    [TestCase(ModelPrecision.Fp16Mixed)]
    public void Mixed_precision_resume_is_exact_and_checkpoints_stay_fp32(ModelPrecision precision)
    {
        const int N = 5;
        var config = Tiny.Config with { HiddenDropout = 0.1, AttentionDropout = 0.1 };
        var straightOptions = Options(Tiny.TempDirectory(), 2 * N, precision);
        straightOptions.CheckpointInterval = N;
        using var straightModel = BertForMaskedLM.Create(config, seed: 3);
        var straight = new MlmPretrainer(MsOptions.Create(straightOptions)) { InitialLossScale = 1 << 20 }.Train(straightModel, Train, Validation, KmerSpan());

        var resumedOptions = Options(Tiny.TempDirectory(), 2 * N, precision);
        resumedOptions.CheckpointInterval = N;
        using var stop = new CancellationTokenSource();
        using (var model = BertForMaskedLM.Create(config, seed: 3))
        {
            var trainer = new MlmPretrainer(MsOptions.Create(resumedOptions))
            {
                InitialLossScale = 1 << 20,
                AfterStep = step =>
                {
                    if (step == N)
                    {
                        stop.Cancel();
                    }
                },
            };
            ((Action)(() => trainer.Train(model, Train, Validation, KmerSpan(), cancellationToken: stop.Token))).Should().Throw<OperationCanceledException>();
        }

        var checkpoint = Path.Combine(resumedOptions.OutputDirectory, MlmPretrainer.CheckpointFileName);
        var state = TrainingCheckpoint.ReadState(checkpoint);
        state.Step.Should().Be(N);
        (state.LossScaler is not null).Should().Be(precision == ModelPrecision.Fp16Mixed);
        using var resumedModel = BertForMaskedLM.Create(config, seed: 99);
        var resumed = new MlmPretrainer(MsOptions.Create(resumedOptions)) { InitialLossScale = 1 << 20 }.Train(resumedModel, Train, Validation, KmerSpan());

        resumed.StartStep.Should().Be(N);
        resumed.Steps.Select(s => s.Loss).Should().Equal(straight.Steps.Skip(N).Select(s => s.Loss));
        resumed.Steps.Select(s => (s.LossScale, s.Skipped)).Should().Equal(straight.Steps.Skip(N).Select(s => (s.LossScale, s.Skipped)));
        resumed.SkippedSteps.Should().Be(straight.SkippedSteps);
        resumed.Validations.Select(v => v.Loss).Should().Equal(straight.Validations.Where(v => v.Step > N).Select(v => v.Loss));
        foreach (var (name, weight) in straightModel.state_dict())
        {
            weight.allclose(resumedModel.state_dict()[name], rtol: 0, atol: 0).Should().BeTrue($"{name} is bit-identical after the resume");
        }

        var exported = BertCheckpoint.ReadStateDict(Path.Combine(resumedOptions.OutputDirectory, MlmPretrainer.ModelFolderName));
        exported.Values.Should().OnlyContain(t => t.dtype == ScalarType.Float32, "checkpoints hold the fp32 master weights");
    }

    [Test]
    public void Scoring_groups_rows_by_length_and_returns_them_in_their_order()
    {
        // Lengths 3, 5, 3, 7 → longest first, equal lengths by index: 3, 1, 0, 2.
        int[][] lengths = [new int[3], new int[5], new int[3], new int[7]];
        BertForSequenceClassification.LengthOrder(lengths).Should().Equal(3, 1, 0, 2);

        var genome = Tiny.GenomeRows(9, 40);
        var rows = genome.Select((r, i) => r[..(6 + (i * 37 % 34))].Append(SpecialTokens.Sep).ToArray()).ToArray();
        using var model = BertForSequenceClassification.Create(Tiny.Config with { HiddenDropout = 0.5 }, classCount: 3, seed: 4);
        model.train();
        var grouped = model.PredictLogits(rows, batchSize: 4);
        model.training.Should().BeTrue("the training mode is restored");

        // Each row alone (no padding, dropout off) is the reference: padding is masked, so only rounding may differ.
        for (var i = 0; i < rows.Length; i++)
        {
            var alone = model.PredictLogits([rows[i]], batchSize: 1);
            grouped.AsSpan(i * 3, 3).ToArray().Should().Equal(alone, (a, b) => Math.Abs(a - b) < 1e-5f, $"row {i}");
        }

        grouped.Distinct().Count().Should().BeGreaterThan(rows.Length, "rows of different content score differently");
    }

    [Test]
    public void Bf16_mixed_fine_tuning_predicts_like_fp32()
    {
        List<LabelledSequence> Read(string split, int take) =>
            [.. File.ReadLines(GeneMask.Tests.TestData.Path("gue", "prom", "prom_core_tata", split + ".csv")).Skip(1).Take(take)
                .Select(line => line.Split(',')).Select(p => new LabelledSequence(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))];
        var job = new FineTuneJob("prom_core_tata", 2, Read("train", 96), null, Read("test", 64), new FineTuneSettings(LearningRate: 2e-3, Epochs: 2, BatchSize: 16, MaxLength: 80), 3);
        ClassifierPredictions Run(ModelPrecision precision) =>
            new SequenceClassifierTrainer(MsOptions.Create(new SequenceClassifierOptions { Config = Tiny.Config, Precision = precision })).FineTuneAndPredict(job);

        var fp32 = Run(ModelPrecision.Fp32);
        var mixed = Run(ModelPrecision.Bf16Mixed);
        mixed.Probabilities.Should().NotEqual(fp32.Probabilities, "the mixed run computed in bf16");

        // Twelve steps of bf16 rounding move a probability by far less than the model's own spread between examples.
        var largest = fp32.Probabilities.Zip(mixed.Probabilities, (a, b) => Math.Abs(a - b)).Max();
        largest.Should().BeLessThan(0.05f);
        mixed.PredictedLabels.Zip(fp32.PredictedLabels, (a, b) => a == b ? 1 : 0).Sum().Should().BeGreaterThanOrEqualTo(60);
    }

    private static ConstantCurriculum KmerSpan() => new(new KmerSpanMasking(new KmerSpanMaskingOptions { Probability = 0.05 }));

    private static PretrainingOptions Options(string output, long steps, ModelPrecision precision) => new()
    {
        MaxSteps = steps,
        BatchSize = 8,
        LearningRate = 1e-2,
        WarmupSteps = 2,
        MaxSequenceLength = 66,
        EvaluationInterval = 5,
        MaxValidationRows = 48,
        CheckpointInterval = 0,
        OutputDirectory = output,
        Seed = 11,
        Precision = precision,
    };
}

using System.Reflection;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Probing;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>
/// The frozen-encoder stage of the comparison (M1 loss, features, linear probe) while garbage collections run
/// during LibTorch calls: a Scalar that nothing keeps alive is finalised in the middle of a call, and LibTorch reads
/// freed memory ("Expected false to be true" from c10::Scalar::toFloat in add_Tensor, or a wrong value).
/// </summary>
[NonParallelizable]
public sealed class ScalarLifetimeTests
{
    [Test]
    public void No_call_hands_LibTorch_a_Scalar_that_nothing_keeps_alive()
    {
        // A TorchSharp member that makes a Scalar (implicit conversion, ToScalar, constructor) without handing it to its
        // caller passes it on as a temporary nothing references (a + b, t * 2.0, t.mul_(x), the optimizers' steps).
        static bool MakesScalar(MethodBase m) => m.DeclaringType == typeof(Scalar) && (m is ConstructorInfo || m.Name == "op_Implicit")
            || (m is MethodInfo { ReturnType: var type } && type == typeof(Scalar) && m.DeclaringType == typeof(ScalarExtensionMethods));
        static bool ReturnsScalar(MethodBase m) => m is MethodInfo info && info.ReturnType == typeof(Scalar);
        var temporaries = CallGraph.Reaching(typeof(Scalar).Assembly, MakesScalar);
        temporaries.RemoveWhere(ReturnsScalar);
        temporaries.Should().Contain(typeof(Tensor).GetMethod(nameof(Tensor.add), [typeof(Tensor)])!, "the scan must see what a + b does");

        var offenders = CallGraph.Methods(typeof(BertForMaskedLM).Assembly)
            .SelectMany(m => CallGraph.Calls(m)
                .Where(c => temporaries.Contains(c.Target) || (c.Target.DeclaringType == typeof(Scalar) && c.Target.Name == "op_Implicit"))
                .Select(c => $"{m.DeclaringType!.FullName}.{m.Name} calls {c.Target.DeclaringType!.Name}.{c.Target}"))
            .Distinct()
            .ToList();

        offenders.Should().BeEmpty("a Scalar passed to LibTorch must be owned by the caller (TorchScalars says how)");
    }

    [Test]
    public void Adam_update_computes_TorchSharps_Adam_and_AdamW_steps_exactly([Values(0.0, 0.01)] double weightDecay)
    {
        using var seed = new TorchSeedScope(5);
        using var start = randn(7, 5);
        using var target = randn(7, 5);
        float[] Train(Func<Parameter, Action> optimizer)
        {
            using var parameter = new Parameter(start.clone());
            var step = optimizer(parameter);
            for (var i = 0; i < 5; i++)
            {
                parameter.grad?.zero_();
                using var loss = (parameter - target).square().sum();
                loss.backward();
                step();
            }

            return parameter.data<float>().ToArray();
        }

        var theirs = Train(p =>
        {
            optim.Optimizer adam = weightDecay == 0 ? optim.Adam([p], 0.05) : optim.AdamW([p], 0.05, weight_decay: weightDecay);
            return () => adam.step();
        });
        var ours = Train(p =>
        {
            using var noGrad = no_grad();
            var (first, second, t) = (zeros_like(p), zeros_like(p), 0L);
            return () => AdamUpdate.Apply(p, p.grad!, first, second, ++t, 0.05, 0.9, 0.999, 1e-8, weightDecay);
        });

        ours.Should().Equal(theirs);
    }

    [Test]
    public void Frozen_encoder_stage_beside_another_job_under_forced_collections_repeats_its_numbers()
    {
        // The failing run's model: LOGO (2 layers, hidden 256, intermediate 1,024, 128 positions), bf16-mixed, saved and
        // loaded, beside another job as the comparison's workers run them: the same stage on a tiny model, whose many
        // short LibTorch calls meet a collection within seconds (before the fix this failed within the first seconds).
        using var logo = SavedAndLoaded(BertConfig.LogoOriginal with { MaxPositions = 128 });
        using var tiny = SavedAndLoaded(Tiny.Config);
        var logoStage = new FrozenStage(logo, rows: 64, bases: 126);
        var tinyStage = new FrozenStage(tiny, rows: 16, bases: 60);
        var expectedLogo = logoStage.Run();
        var expectedTiny = tinyStage.Run();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var collections = 0;
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
            }
        });
        var runs = new int[2];
        Task Job(FrozenStage stage, string expected, int index) => Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    stage.Run().Should().Be(expected);
                    runs[index]++;
                }
            },
            TaskCreationOptions.LongRunning);

        var jobs = new[] { Job(logoStage, expectedLogo, 0), Job(tinyStage, expectedTiny, 1) };
        var all = () => Task.WaitAll([.. jobs, collector]);
        all.Should().NotThrow();
        TestContext.Out.WriteLine($"{runs[0]} LOGO stages, {runs[1]} tiny stages, {collections} forced collections");
        runs.Should().OnlyContain(n => n > 0);
    }

    private static BertForMaskedLM SavedAndLoaded(BertConfig config)
    {
        var directory = Tiny.TempDirectory();
        using (var trained = BertForMaskedLM.Create(config, seed: 3).UsePrecision(ModelPrecision.Bf16Mixed))
        {
            trained.SavePretrained(directory);
        }

        var model = BertForMaskedLM.FromPretrained(directory);
        Directory.Delete(directory, recursive: true);
        return model;
    }

    /// <summary>M1, features and the probe on fixed real rows; the result is a fingerprint of every number.</summary>
    private sealed class FrozenStage
    {
        private readonly BertForMaskedLM _model;
        private readonly MaskedEvaluationSet _set;
        private readonly string[] _train;
        private readonly string[] _test;
        private readonly int[] _labels;

        public FrozenStage(BertForMaskedLM model, int rows, int bases)
        {
            _model = model;
            var genome = Tiny.GenomeBases(rows * bases * 2);
            var sequences = Enumerable.Range(0, rows * 2).Select(r => genome.Substring(r * bases, bases)).ToArray();
            var tokenizer = KmerTokenizer.Create(6, int.MaxValue / 2);
            var kmers = sequences[..rows].Select(s => tokenizer.Encode(s)[1..^1]).ToList();
            var collator = new MlmCollator(new MlmCollatorOptions { K = 6, MaxSequenceLength = KmerTokenizer.EncodedLength(bases), Seed = 11 });
            _set = MaskedEvaluationSet.Create("kmer-span", kmers, collator, MaskingPhase.Of(new KmerSpanMasking()), 64);
            _train = sequences[..rows];
            _test = sequences[rows..];
            _labels = [.. Enumerable.Range(0, rows).Select(i => i % 2)];
        }

        public string Run()
        {
            var loss = FrozenEncoder.MaskedLmLoss(_model, _set);
            var train = FrozenEncoder.Features(_model, _train, FeaturePooling.MeanAndCentre);
            var test = FrozenEncoder.Features(_model, _test, FeaturePooling.MeanAndCentre);
            var predicted = LogisticRegressionProbe.FitPredict(train, _labels, test, 2, new LogisticRegressionOptions { Iterations = 30 });
            return $"{loss:R} {Hash(train.Values)} {Hash(test.Values)} {string.Concat(predicted)}";
        }

        private static string Hash(float[] values) =>
            Convert.ToHexString(System.IO.Hashing.XxHash64.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));
    }
}

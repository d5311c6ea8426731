using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Modules;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>
/// The two training steps of the main job (<c>compare</c>) on real data, for the step benchmarks and the profile: its
/// LOGO-family model (2 layers, hidden 256, 8 heads, intermediate 1,024, 128 positions). Pretraining: real 126-base
/// chr2 rows (123 tokens, 16 per step in the main job) with k-mer-span masks, masked-LM loss, backward, clip, AdamW.
/// Few-shot: 5 real 70-base rows (67 tokens) through the classifier with dropout 0.1, cross-entropy, backward, clip,
/// AdamW. Each step keeps updating its model, as training does.
/// </summary>
internal sealed class ComparisonSteps : IDisposable
{
    public static readonly BertConfig Config = BertConfig.LogoOriginal with { MaxPositions = 128 };

    private long _fewShotSteps;

    public ComparisonSteps(ModelPrecision precision, int pretrainingRows = 16)
    {
        Precision = precision;
        var tokenizer = KmerTokenizer.Create(6);
        var bases = ModelBenchmarkData.ChromosomeBases(Math.Max(pretrainingRows, 5) * 126);
        var rows = Enumerable.Range(0, pretrainingRows).Select(r => tokenizer.EncodeKmers(bases.AsSpan(r * 126, 126).ToString())).ToList();
        var batch = new MlmCollator(new MlmCollatorOptions { Seed = 1, MaxSequenceLength = 123 }).Collate(rows, 0, MaskingPhase.Of(new KmerSpanMasking()));
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        Ids = tensor(batch.InputIds.AsSpan(0, batch.ElementCount).ToArray(), shape);
        Mask = tensor(batch.AttentionMask.AsSpan(0, batch.ElementCount).ToArray(), shape);
        Labels = tensor(batch.Labels.AsSpan(0, batch.ElementCount).ToArray(), shape);
        PredictedTokens = batch.PredictedTokens;

        var shots = Enumerable.Range(0, 5).Select(r => tokenizer.Encode(bases.AsSpan(r * 70, 70).ToString())).ToArray();
        ShotIds = tensor(shots.SelectMany(r => r.Select(id => (long)id)).ToArray(), [5, shots[0].Length]);
        ShotMask = ones_like(ShotIds);
        ShotLabels = tensor(new long[] { 0, 1, 0, 1, 1 });

        Masked = BertForMaskedLM.Create(Config, seed: 1).UsePrecision(precision);
        Masked.train();
        MaskedOptimizer = OptimizerSetup.CreateAdamW(Masked, 1e-3, 0.01, 0.9, 0.999, 1e-8);
        MaskedParameters = Masked.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();

        Classifier = BertForSequenceClassification.Create(Config with { HiddenDropout = 0.1 }, classCount: 2, seed: 1).UsePrecision(precision);
        Classifier.train();
        ClassifierOptimizer = OptimizerSetup.CreateAdamW(Classifier, 4e-4, 0.01, 0.9, 0.999, 1e-8);
        ClassifierParameters = Classifier.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
    }

    public ModelPrecision Precision { get; }

    public BertForMaskedLM Masked { get; }

    public AdamW MaskedOptimizer { get; }

    public Parameter[] MaskedParameters { get; }

    public Tensor Ids { get; }

    public Tensor Mask { get; }

    public Tensor Labels { get; }

    public long PredictedTokens { get; }

    public BertForSequenceClassification Classifier { get; }

    public AdamW ClassifierOptimizer { get; }

    public Parameter[] ClassifierParameters { get; }

    public Tensor ShotIds { get; }

    public Tensor ShotMask { get; }

    public Tensor ShotLabels { get; }

    /// <summary>Model FLOPs of one pretraining step (<see cref="BertFlops"/>).</summary>
    public double PretrainingFlops => BertFlops.MaskedLmTrainingStep(Config, (int)Ids.shape[0], (int)Ids.shape[1], PredictedTokens);

    /// <summary>Model FLOPs of one few-shot step: the encoder, pooler and classifier, forward and backward.</summary>
    public double FewShotFlops =>
        3 * (BertFlops.EncoderForward(Config, (int)ShotIds.shape[0], (int)ShotIds.shape[1]) + (ShotIds.shape[0] * 2.0 * Config.HiddenSize * (Config.HiddenSize + 2)));

    public Tensor PretrainingLoss() => Masked.MaskedLmLoss(Ids, Mask, Labels);

    /// <summary>The few-shot loss, dropout drawn from a generator seeded per step as the fine-tuning trainer seeds it.</summary>
    public Tensor FewShotLoss()
    {
        using var dropout = DropoutRandom.Seed(++_fewShotSteps, CPU);
        return nn.functional.cross_entropy(Classifier.call(ShotIds, ShotMask).to_type(ScalarType.Float32), ShotLabels);
    }

    public float PretrainingStep()
    {
        using var scope = NewDisposeScope();
        MaskedOptimizer.zero_grad();
        var loss = PretrainingLoss();
        loss.backward();
        nn.utils.clip_grad_norm_(MaskedParameters, 1.0);
        MaskedOptimizer.step();
        return loss.item<float>();
    }

    public float FewShotStep()
    {
        using var scope = NewDisposeScope();
        ClassifierOptimizer.zero_grad();
        var loss = FewShotLoss();
        loss.backward();
        nn.utils.clip_grad_norm_(ClassifierParameters, 1.0);
        ClassifierOptimizer.step();
        return loss.item<float>();
    }

    public void Dispose()
    {
        MaskedOptimizer.Dispose();
        ClassifierOptimizer.Dispose();
        Masked.Dispose();
        Classifier.Dispose();
        foreach (var t in new[] { Ids, Mask, Labels, ShotIds, ShotMask, ShotLabels })
        {
            t.Dispose();
        }
    }
}

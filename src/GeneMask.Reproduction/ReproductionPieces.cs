using System.Globalization;
using GeneMask.Evaluation.Runs;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction;

/// <summary>
/// Where each piece of a reproduction lives and what identifies it:
/// <code>
/// pmi-k6.csv + pmi.json                       the genome's PMI table (fasta hash, k, definition, minimum count)
/// corpus/ + corpus.json                       the pretraining corpus (fasta hash, chunking, split, seed)
/// pretraining/&lt;folder&gt;/ + …/done.json         one pretraining per strategy (PMI table, corpus, every setting)
/// results.json                                one fine-tuning run per model, task, n and seed (model, task data, settings)
/// report/                                     the table and the plots
/// </code>
/// Pretraining parts are named as the trainer's run fingerprint names them (<c>steps</c>, <c>lr</c>, <c>eval</c>, …).
/// </summary>
internal sealed class ReproductionPieces(ReproductionOptions options, string fastaHash)
{
    public const string CorpusFolder = "corpus";

    /// <summary>The genome's PMI table.</summary>
    public Piece Pmi { get; } = new("pmi.json", "the PMI table", ResultIdentity.Empty
        .With("fasta", fastaHash)
        .With("k", 6)
        .With("definition", options.PmiDefinition)
        .With("min-count", new PmiOptions().MinCount));

    /// <summary>The pretraining corpus.</summary>
    public Piece Corpus { get; } = new("corpus.json", "the corpus", CorpusIdentity(options, fastaHash));

    /// <summary>The pretraining of <paramref name="strategy"/> in the pipeline: its inputs are the pipeline's PMI table and corpus.</summary>
    public Piece Pretraining(string strategy, string directory) =>
        new(Path.Combine(directory, ReproductionPipeline.DoneMarkerFile), $"the pretraining of {MaskingCatalog.Get(strategy).Name}",
            PretrainingIdentity(options, strategy, ResultIdentity.Empty.With("pmi", Pmi.Identity.Hash).With("corpus", Corpus.Identity.Hash)));

    /// <summary>
    /// The identity of a pretraining with <paramref name="strategy"/> from <paramref name="inputs"/> (the PMI table and
    /// the corpus, identified by the pieces that produced them or by their content).
    /// </summary>
    public static ResultIdentity PretrainingIdentity(ReproductionOptions o, string strategy, ResultIdentity inputs)
    {
        var p = o.ToPretrainingOptions("pretraining");
        var collator = new MlmCollatorOptions();
        o.Compatibility.ApplyTo(collator);
        var inv = CultureInfo.InvariantCulture;
        return inputs
            .With("strategy", MaskingCatalog.Get(strategy).Name)
            .With("masking", o.CreateCurriculum(strategy, PmiTable.LoadDefault()).Description)
            .With("model", o.Model)
            .With("steps", p.MaxSteps)
            .With("batch", p.BatchSize)
            .With("accum", p.GradientAccumulationSteps)
            .With("lr", p.LearningRate.ToString("R", inv))
            .With("warmup", p.WarmupSteps)
            .With("optimizer", string.Create(inv, $"AdamW wd {p.WeightDecay:R}, betas {p.Beta1:R}/{p.Beta2:R}, eps {p.AdamEpsilon:R}, clip {p.MaxGradientNorm:R}"))
            .With("len", p.MaxSequenceLength)
            .With("eval", p.EvaluationInterval)
            .With("vrows", p.MaxValidationRows)
            .With("seed", p.Seed)
            .With("precision", p.Precision)
            .With("collator", string.Create(inv, $"mask {collator.MaskTokenProbability:R} random {collator.RandomTokenProbability:R} {collator.RandomReplacement}"))
            .With("device", o.Device);
    }

    /// <summary>The fine-tuning options of a model identified by <paramref name="model"/> (its pretraining's identity, or its files' hash).</summary>
    public static EvaluationOptions EvaluationOptions(ReproductionOptions options, string model)
    {
        var evaluation = new EvaluationOptions
        {
            Shots = [.. options.Shots],
            SeedCount = options.Seeds,
            FewShotSmallSettings = options.FewShotSmall,
            FewShotLargeSettings = options.FewShotLarge,
        };
        evaluation.RunIdentity["model"] = model;
        evaluation.RunIdentity["device"] = options.Device;
        evaluation.RunIdentity["precision"] = ReproductionFidelity.FineTuningPrecision(options).ToString();
        return evaluation;
    }

    private static ResultIdentity CorpusIdentity(ReproductionOptions o, string fastaHash)
    {
        var corpus = CorpusOptions(o);
        return ResultIdentity.Empty
            .With("fasta", fastaHash)
            .With("chunk-bases", corpus.MaxChunkBases)
            .With("min-chunk-bases", corpus.MinChunkBases)
            .With("full-length-probability", corpus.FullLengthProbability)
            .With("validation-fraction", corpus.ValidationFraction)
            .With("deduplicate", corpus.Deduplicate)
            .With("seed", corpus.Seed);
    }

    /// <summary>The corpus builder's options of a reproduction.</summary>
    public static PretrainingCorpusOptions CorpusOptions(ReproductionOptions o) => new() { MaxChunkBases = o.ChunkBases, Seed = o.Seed };
}

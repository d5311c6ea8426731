using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GeneMask.Evaluation.Datasets;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Pmi;

namespace GeneMask.Reproduction;

/// <summary>
/// What a reproduction will do, resolved from its options before anything runs: stages, strategies, the model, every
/// hyper-parameter of pretraining, few-shot and GUE fine-tuning, the task list and an estimate of the cost. Printed by
/// <c>reproduce … --plan</c> so a GPU-day is spent on the settings one meant.
/// </summary>
internal sealed record ReproductionPlan
{
    /// <summary>The paper table's number.</summary>
    public required int Table { get; init; }

    /// <summary>The preset the options came from.</summary>
    public required string Preset { get; init; }

    /// <summary><c>paper</c> or <c>upstream</c>.</summary>
    public required string Flavour { get; init; }

    /// <summary>Device of every run.</summary>
    public required string Device { get; init; }

    /// <summary>The stages in order.</summary>
    public required IReadOnlyList<string> Stages { get; init; }

    /// <summary>The strategies pretrained, one model each.</summary>
    public required IReadOnlyList<PlannedStrategy> Strategies { get; init; }

    /// <summary>The architecture (<c>LOGO</c>, <c>DNABert</c>) and its configuration.</summary>
    public required string Model { get; init; }

    /// <summary>The architecture's configuration.</summary>
    public required BertConfig ModelConfig { get; init; }

    /// <summary>The k-mer ranking and the masking details.</summary>
    public required PlannedMasking Masking { get; init; }

    /// <summary>Pretraining hyper-parameters (the same for every strategy).</summary>
    public required PlannedPretraining Pretraining { get; init; }

    /// <summary>Few-shot fine-tuning (Table 4), or null.</summary>
    public PlannedFewShot? FewShot { get; init; }

    /// <summary>GUE fine-tuning (Tables 2 and 6), or null.</summary>
    public PlannedGue? Gue { get; init; }

    /// <summary>Every upstream behaviour that changes the numbers and what this run does about it.</summary>
    public required IReadOnlyList<PlannedBehaviour> UpstreamBehaviours { get; init; }

    /// <summary>Why the rows of this run are not paper rows (LOGO in Table 4), or null when they are.</summary>
    public string? Extension { get; init; }

    /// <summary>What the runs cost, roughly.</summary>
    public required PlannedCost EstimatedCost { get; init; }

    /// <summary>The plan of <paramref name="options"/> (validated first).</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public static ReproductionPlan Create(ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = new ReproductionOptionsValidator().Validated(options);
        var pipeline = new ReproductionPipeline(o);
        var pretraining = o.ToPretrainingOptions("pretraining");
        var config = o.Model;
        var gueTasks = o.GueTasks.Select(TaskCatalog.Get).ToList();
        var fewShotTasks = o.FewShotTasks.Select(TaskCatalog.Get).ToList();
        var effectiveBatch = (long)o.BatchSize * o.GradientAccumulationSteps;
        var tokensPerRun = o.PretrainingSteps * effectiveBatch * pretraining.MaxSequenceLength;
        var parameters = ApproximateParameters(config);
        var fewShotRuns = o.Table.IsFewShot ? o.Strategies.Count * fewShotTasks.Sum(t => o.Shots.Count(n => o.SampleFewShotSets || t.Fixtures.Any(f => f.Shots == n))) * o.Seeds : 0;

        // The masking each run will use, described as its run fingerprint records it (the k of a 6-mer table; the ranking itself is the genome's).
        var table = PmiTable.LoadDefault();
        return new ReproductionPlan
        {
            Table = o.Table.Number,
            Preset = o.Preset.Name,
            Flavour = o.Flavour.ToString().ToLowerInvariant(),
            Device = o.Device,
            Stages = pipeline.StageNames,
            Strategies = [.. o.Strategies.Select(s => new PlannedStrategy(MaskingCatalog.Get(s).Name, o.ModelName(s), o.PretrainingFolderName(s), o.CreateCurriculum(s, table).Description))],
            Model = o.ModelLabel,
            ModelConfig = config,
            Masking = new PlannedMasking
            {
                PmiDefinition = o.PmiDefinition.ToString(),
                RankLookup = o.Compatibility.RankLookup.ToString(),
                GeneMaskKeepAllCentresUpTo = o.Compatibility.KeepAllCentresUpTo,
                GeneMaskUnknownKmerRank = o.Compatibility.GeneMaskUnknownKmerRank.ToString(),
                RandomReplacement = o.Compatibility.RandomReplacement.ToString(),
                CmGemsThreshold = o.CmGemsThreshold,
                CmGemsRule = o.Compatibility.CmGemsRule.ToString(),
                CmGemsEvaluationInterval = o.EvaluationInterval,
                CmStepBlocks = new CmStepCurriculumOptions().Blocks,
            },
            Pretraining = new PlannedPretraining
            {
                Steps = o.PretrainingSteps,
                BatchSize = o.BatchSize,
                GradientAccumulationSteps = o.GradientAccumulationSteps,
                EffectiveBatchSize = effectiveBatch,
                LearningRate = pretraining.LearningRate,
                WarmupSteps = pretraining.WarmupSteps,
                WeightDecay = pretraining.WeightDecay,
                Beta1 = pretraining.Beta1,
                Beta2 = pretraining.Beta2,
                AdamEpsilon = pretraining.AdamEpsilon,
                MaxGradientNorm = pretraining.MaxGradientNorm,
                MaxChunkBases = o.ChunkBases,
                MaxSequenceLength = pretraining.MaxSequenceLength,
                EvaluationInterval = o.EvaluationInterval,
                ValidationRows = o.EvaluationRows == 0 ? "all" : o.EvaluationRows.ToString(CultureInfo.InvariantCulture),
                Optimizer = ReproductionFidelity.PretrainingOptimizer(pretraining),
                CheckpointInterval = o.CheckpointInterval,
                Precision = pretraining.Precision.ToString(),
                Seed = o.Seed,
            },
            FewShot = !o.Table.IsFewShot ? null : new PlannedFewShot
            {
                Tasks = o.FewShotTasks,
                Shots = o.Shots,
                Seeds = o.Seeds,
                SampleTrainingSets = o.SampleFewShotSets,
                PerTask = ReproductionFidelity.FewShotTasks(o),
                MaxTestExamples = o.MaxTestExamples,
                UpToHundredPerClass = PlannedFineTuning.Of(o.FewShotSmall),
                AboveHundredPerClass = PlannedFineTuning.Of(o.FewShotLarge),
                Optimizer = ReproductionFidelity.FineTuningOptimizer("over the first 10 % of the steps"),
                BaselineRow = ReproductionFidelity.BaselineRow(o),
            },
            Gue = o.Table.IsFewShot ? null : new PlannedGue
            {
                Tasks = [.. gueTasks.Select(t => new PlannedGueTask(t.Name, t.GueFolder ?? t.RelativePath, t.Species, t.IsHuman, t.ClassCount, o.GueSettings(t)))],
                MaxTrainRows = o.GueMaxTrainRows,
                SeedsPerTask = 1,
                Batch = ReproductionFidelity.GueRecipe(o),
                Optimizer = ReproductionFidelity.FineTuningOptimizer("over each task's warmup_steps (50; 30 for the TF and mouse tasks)"),
                BestCheckpoint = ReproductionFidelity.GueBestCheckpoint,
                Precision = ReproductionFidelity.GuePrecisionNote(o),
            },
            UpstreamBehaviours = ReproductionFidelity.UpstreamBehaviours(o),
            Extension = ReproductionFidelity.Extension(o),
            EstimatedCost = new PlannedCost
            {
                PretrainingRuns = o.Strategies.Count,
                OptimizerStepsPerRun = o.PretrainingSteps,
                SequencesPerRun = o.PretrainingSteps * effectiveBatch,
                TokensPerRunAtMost = tokensPerRun,
                ApproximateParameters = parameters,
                PretrainingPetaflopsAtMost = 6.0 * parameters * tokensPerRun * o.Strategies.Count / 1e15,
                FewShotRuns = fewShotRuns + (o.BaselineModel is null ? 0 : fewShotRuns / o.Strategies.Count),
                GueRuns = o.Table.IsFewShot ? 0 : o.Strategies.Count * gueTasks.Count,
                Note = "Upper bounds from full-length rows (6 × parameters × tokens for pretraining). For scale: DNABERT's own 120K-step pretraining took 25 days on 8 × 2080Ti (the paper).",
            },
        };
    }

    /// <summary>The plan as indented JSON (snake_case).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    // Embeddings (token, position, type, LayerNorm), encoder layers, pooler, MLM transform (decoder tied, own bias).
    private static long ApproximateParameters(BertConfig c)
    {
        long h = c.HiddenSize, i = c.IntermediateSize;
        var embeddings = ((long)c.VocabularySize + c.MaxPositions + c.TypeVocabularySize) * h + 2 * h;
        var layer = (4 * h * h) + (4 * h) + (2 * h) + (h * i) + i + (i * h) + h + (2 * h);
        var head = (h * h) + h + (2 * h) + c.VocabularySize;
        var pooler = (h * h) + h;
        return embeddings + (c.LayerCount * layer) + pooler + head;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Pmi;

namespace GeneMask.Reproduction;

/// <summary>
/// What a reproduction will do, resolved from its options before anything runs: stages, strategies, the model, every
/// hyper-parameter of pretraining, few-shot and GUE fine-tuning, the task list and an estimate of the cost. Printed by
/// <c>reproduce … --plan</c> so a GPU-day is spent on the settings one meant.
/// </summary>
public sealed record ReproductionPlan
{
    /// <summary>The paper table.</summary>
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

    /// <summary>What the runs cost, roughly.</summary>
    public required PlannedCost EstimatedCost { get; init; }

    /// <summary>The plan of <paramref name="options"/> (validated first).</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public static ReproductionPlan Create(ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Validated();
        var pipeline = new ReproductionPipeline(o);
        var pretraining = o.ToPretrainingOptions("pretraining");
        var config = o.ResolvedModelConfig;
        var gueTasks = o.GueTasks.Select(TaskCatalog.Get).ToList();
        var fewShotTasks = o.FewShotTasks.Select(TaskCatalog.Get).ToList();
        var effectiveBatch = (long)o.BatchSize * o.GradientAccumulationSteps;
        var tokensPerRun = o.PretrainingSteps * effectiveBatch * pretraining.MaxSequenceLength;
        var parameters = ApproximateParameters(config);
        var fewShotRuns = o.Table == 4 ? o.Strategies.Count * fewShotTasks.Sum(t => o.Shots.Count(n => o.SampleFewShotSets || t.Fixtures.Any(f => f.Shots == n))) * o.Seeds : 0;

        // The masking each run will use, described as its run fingerprint records it (the k of a 6-mer table; the ranking itself is the genome's).
        var table = PmiTable.LoadDefault();
        return new ReproductionPlan
        {
            Table = o.Table,
            Preset = o.Preset,
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
                MaxChunkBases = o.MaxChunkBases,
                MaxSequenceLength = pretraining.MaxSequenceLength,
                EvaluationInterval = o.EvaluationInterval,
                ValidationRows = o.MaxValidationRows == 0 ? "all" : o.MaxValidationRows.ToString(CultureInfo.InvariantCulture),
                CheckpointInterval = o.CheckpointInterval,
                Precision = pretraining.Precision.ToString(),
                Seed = o.Seed,
            },
            FewShot = o.Table != 4 ? null : new PlannedFewShot
            {
                Tasks = o.FewShotTasks,
                Shots = o.Shots,
                Seeds = o.Seeds,
                SampleTrainingSets = o.SampleFewShotSets,
                MaxTestExamples = o.MaxTestExamples,
                UpToHundredPerClass = o.FewShotSmall,
                AboveHundredPerClass = o.FewShotLarge,
            },
            Gue = o.Table == 4 ? null : new PlannedGue
            {
                Tasks = [.. gueTasks.Select(t => new PlannedGueTask(t.Name, t.GueFolder ?? t.RelativePath, t.Species, t.IsHuman, t.ClassCount, o.GueSettings(t)))],
                MaxTrainRows = o.GueMaxTrainRows,
                SeedsPerTask = 1,
            },
            EstimatedCost = new PlannedCost
            {
                PretrainingRuns = o.Strategies.Count,
                OptimizerStepsPerRun = o.PretrainingSteps,
                SequencesPerRun = o.PretrainingSteps * effectiveBatch,
                TokensPerRunAtMost = tokensPerRun,
                ApproximateParameters = parameters,
                PretrainingPetaflopsAtMost = 6.0 * parameters * tokensPerRun * o.Strategies.Count / 1e15,
                FewShotRuns = fewShotRuns,
                GueRuns = o.Table == 4 ? 0 : o.Strategies.Count * gueTasks.Count,
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

/// <summary>A strategy of the plan.</summary>
/// <param name="Strategy">Its catalogue name (as the command line takes it).</param>
/// <param name="ModelName">The model's name in the tables.</param>
/// <param name="Folder">Its folder under <c>pretraining/</c>.</param>
/// <param name="Masking">The curriculum and its strategies with every setting (<see cref="ICurriculumScheduler.Description"/>).</param>
public sealed record PlannedStrategy(string Strategy, string ModelName, string Folder, string Masking);

/// <summary>The k-mer ranking and masking settings of a plan.</summary>
public sealed record PlannedMasking
{
    /// <summary>PMI definition of the ranking.</summary>
    public required string PmiDefinition { get; init; }

    /// <summary>What the rank is looked up by.</summary>
    public required string RankLookup { get; init; }

    /// <summary>GeneMask's keep-all-centres bound (0: off).</summary>
    public required int GeneMaskKeepAllCentresUpTo { get; init; }

    /// <summary>[UNK]'s rank in GeneMask.</summary>
    public required string GeneMaskUnknownKmerRank { get; init; }

    /// <summary>Source of the random 10 % replacement.</summary>
    public required string RandomReplacement { get; init; }

    /// <summary>CM-GEMS threshold (perplexity change).</summary>
    public required double CmGemsThreshold { get; init; }

    /// <summary>CM-GEMS switch rule.</summary>
    public required string CmGemsRule { get; init; }

    /// <summary>Steps between the evaluations CM-GEMS reads.</summary>
    public required int CmGemsEvaluationInterval { get; init; }

    /// <summary>CM-Step's blocks.</summary>
    public required int CmStepBlocks { get; init; }
}

/// <summary>Pretraining settings of a plan.</summary>
public sealed record PlannedPretraining
{
    /// <summary>Optimizer steps.</summary>
    public required long Steps { get; init; }

    /// <summary>Rows per micro-batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Micro-batches per step.</summary>
    public required int GradientAccumulationSteps { get; init; }

    /// <summary>Rows per optimizer step.</summary>
    public required long EffectiveBatchSize { get; init; }

    /// <summary>Peak learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Linear warm-up steps.</summary>
    public required long WarmupSteps { get; init; }

    /// <summary>AdamW weight decay.</summary>
    public required double WeightDecay { get; init; }

    /// <summary>AdamW β1.</summary>
    public required double Beta1 { get; init; }

    /// <summary>AdamW β2.</summary>
    public required double Beta2 { get; init; }

    /// <summary>AdamW ε.</summary>
    public required double AdamEpsilon { get; init; }

    /// <summary>Gradient clipping norm.</summary>
    public required double MaxGradientNorm { get; init; }

    /// <summary>Longest corpus chunk in bases.</summary>
    public required int MaxChunkBases { get; init; }

    /// <summary>Longest input in tokens.</summary>
    public required int MaxSequenceLength { get; init; }

    /// <summary>Steps between validation evaluations.</summary>
    public required int EvaluationInterval { get; init; }

    /// <summary>Validation rows per evaluation (<c>all</c> or a number).</summary>
    public required string ValidationRows { get; init; }

    /// <summary>Steps between checkpoints.</summary>
    public required long CheckpointInterval { get; init; }

    /// <summary>Numeric precision.</summary>
    public required string Precision { get; init; }

    /// <summary>Run seed.</summary>
    public required long Seed { get; init; }
}

/// <summary>Few-shot settings of a plan.</summary>
public sealed record PlannedFewShot
{
    /// <summary>Tasks.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>n values.</summary>
    public required IReadOnlyList<int> Shots { get; init; }

    /// <summary>Seeds per setting.</summary>
    public required int Seeds { get; init; }

    /// <summary>Whether each seed draws its own training set (otherwise the fixture files).</summary>
    public required bool SampleTrainingSets { get; init; }

    /// <summary>Test examples per task, or null for all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>Fine-tuning with n ≤ 100.</summary>
    public required FineTuneSettings UpToHundredPerClass { get; init; }

    /// <summary>Fine-tuning with n &gt; 100.</summary>
    public required FineTuneSettings AboveHundredPerClass { get; init; }
}

/// <summary>GUE settings of a plan.</summary>
public sealed record PlannedGue
{
    /// <summary>Tasks with their settings.</summary>
    public required IReadOnlyList<PlannedGueTask> Tasks { get; init; }

    /// <summary>Training rows per task, or null for all.</summary>
    public int? MaxTrainRows { get; init; }

    /// <summary>Runs per task.</summary>
    public required int SeedsPerTask { get; init; }
}

/// <summary>A GUE task of a plan.</summary>
/// <param name="Name">Short name.</param>
/// <param name="Folder">GUE folder.</param>
/// <param name="Species">Species.</param>
/// <param name="Human">Whether it counts towards the Human mean.</param>
/// <param name="Classes">Classes.</param>
/// <param name="FineTuning">Its fine-tuning settings.</param>
public sealed record PlannedGueTask(string Name, string Folder, string Species, bool Human, int Classes, FineTuneSettings FineTuning);

/// <summary>Cost estimate of a plan.</summary>
public sealed record PlannedCost
{
    /// <summary>Pretraining runs.</summary>
    public required int PretrainingRuns { get; init; }

    /// <summary>Optimizer steps per run.</summary>
    public required long OptimizerStepsPerRun { get; init; }

    /// <summary>Rows seen per run.</summary>
    public required long SequencesPerRun { get; init; }

    /// <summary>Tokens per run if every row were full length.</summary>
    public required long TokensPerRunAtMost { get; init; }

    /// <summary>Parameters of the model (MLM head included).</summary>
    public required long ApproximateParameters { get; init; }

    /// <summary>6 × parameters × tokens over all runs, in PFLOP.</summary>
    public required double PretrainingPetaflopsAtMost { get; init; }

    /// <summary>Few-shot fine-tuning runs.</summary>
    public required int FewShotRuns { get; init; }

    /// <summary>GUE fine-tuning runs.</summary>
    public required int GueRuns { get; init; }

    /// <summary>How to read the numbers.</summary>
    public required string Note { get; init; }
}

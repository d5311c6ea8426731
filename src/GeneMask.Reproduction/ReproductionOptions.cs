using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction;

/// <summary>
/// Everything a reproduction run does: which paper table, which model, how long each strategy is pretrained, how the
/// corpus is cut and how the pretrained models are evaluated. Build it from <see cref="Quick"/> or <see cref="Paper"/>
/// and adjust with <c>with { … }</c>; the pipeline and the plan validate it, naming every offending value.
/// </summary>
public sealed record ReproductionOptions
{
    /// <summary>Tables the pipeline can produce.</summary>
    public static IReadOnlyList<int> SupportedTables { get; } = [2, 4, 6];

    /// <summary>Name of the preset the options came from (<c>quick</c>, <c>paper</c>, or <c>custom</c>).</summary>
    public required string Preset { get; init; }

    /// <summary>The paper table reproduced: 2 (GUE, 10K steps), 4 (few-shot accuracy) or 6 (GUE, 1K steps).</summary>
    public required int Table { get; init; }

    /// <summary>The architecture pretrained.</summary>
    public required ReproductionModel Model { get; init; }

    /// <summary>The architecture; null for the paper's config of <see cref="Model"/> (<see cref="BertConfig.Logo"/>, <see cref="BertConfig.DnaBert"/>).</summary>
    public BertConfig? ModelConfig { get; init; }

    /// <summary>
    /// The strategies pretrained, one model each, by catalogue name (<see cref="MaskingCatalog"/>): a strategy for the
    /// whole run (<c>kmer-span</c>, <c>genemask</c>, <c>global</c>, …) or a curriculum (<c>cm-step</c>, <c>cm-gems</c>).
    /// </summary>
    public required IReadOnlyList<string> Strategies { get; init; }

    /// <summary>Optimizer steps of every pretraining run.</summary>
    public required long PretrainingSteps { get; init; }

    /// <summary>Rows per micro-batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Micro-batches per optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 8e-4;

    /// <summary>Linear warm-up steps.</summary>
    public required long WarmupSteps { get; init; }

    /// <summary>Longest corpus chunk in bases (the paper: 510, i.e. 505 6-mers + [CLS]/[SEP] fill 512 positions).</summary>
    public required int MaxChunkBases { get; init; }

    /// <summary>Steps between validation evaluations (CM-GEMS decides its switch on them).</summary>
    public required int EvaluationInterval { get; init; }

    /// <summary>Validation rows per evaluation.</summary>
    public int MaxValidationRows { get; init; } = 2_000;

    /// <summary>Steps between checkpoints (Ctrl+C keeps the last one; a rerun resumes from it).</summary>
    public required long CheckpointInterval { get; init; }

    /// <summary>Few-shot tasks (Table 4), by catalogue name.</summary>
    public IReadOnlyList<string> FewShotTasks { get; init; } = [];

    /// <summary>Few-shot n values (examples per class, as the upstream fixture files name them).</summary>
    public IReadOnlyList<int> Shots { get; init; } = [10, 50];

    /// <summary>
    /// Draw every few-shot run's training set, n per class, from the task's published training examples with the run's
    /// seed (the paper's protocol; <see cref="WithFlavour"/> sets it in the paper flavour) instead of training every seed
    /// on the published file named n, whatever it holds (the upstream flavour).
    /// </summary>
    public bool SampleFewShotSets { get; init; } = true;

    /// <summary>
    /// A Hugging Face-layout checkpoint folder of the published DNABERT weights (<c>config.json</c> and
    /// <c>pytorch_model.bin</c> or <c>model.safetensors</c>) to fine-tune through the same few-shot protocol as Table 4's
    /// "DNABert 120K" row; null: the row shows the published value, labelled published. Table 4 only.
    /// </summary>
    public string? BaselineModel { get; init; }

    /// <summary>Seeds per few-shot setting (the paper: 10).</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>At most this many test examples per few-shot task (an evenly spaced subset); null for all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>GUE tasks (Tables 2 and 6), by catalogue name.</summary>
    public IReadOnlyList<string> GueTasks { get; init; } = [];

    /// <summary>At most this many training rows per GUE task (an evenly spaced subset); null for all.</summary>
    public int? GueMaxTrainRows { get; init; }

    /// <summary>GUE fine-tuning epochs instead of the task's (the DNABERT-2 script's); null for the task's.</summary>
    public int? GueEpochs { get; init; }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Numeric format of pretraining and fine-tuning (<see cref="ModelPrecision.Bf16Mixed"/>: fp32 master weights, bf16 compute).</summary>
    public ModelPrecision Precision { get; init; } = ModelPrecision.Fp32;

    /// <summary>Seed of the corpus, the model initialisation, the data order and the masks.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The reading of the method the settings below follow (set them together with <see cref="WithFlavour"/>).</summary>
    public ReproductionFlavour Flavour { get; init; } = ReproductionFlavour.Paper;

    /// <summary>PMI definition of the k-mer ranking (paper: Appendix A's PMI_k; upstream: the published table's recipe).</summary>
    public PmiDefinition PmiDefinition { get; init; } = PmiDefinition.Paper;

    /// <summary>
    /// The upstream masking behaviours reproduced (rank lookup, keep-all-centres, [UNK] rank, random replacement, CM-GEMS's
    /// switch rule): none in the paper flavour, all in the upstream one.
    /// </summary>
    public UpstreamCompatibility Compatibility { get; init; } = UpstreamCompatibility.None;

    /// <summary>The perplexity change below which CM-GEMS switches (the paper: 1.0).</summary>
    public double CmGemsThreshold { get; init; } = 1.0;

    /// <summary>Few-shot fine-tuning with ≤ 100 examples per class (paper, Appendix B.2: lr 4e-4; upstream scripts: 1e-4).</summary>
    public FineTuneSettings FewShotSmall { get; init; } = FineTuneSettings.FewShotSmall;

    /// <summary>Few-shot fine-tuning with &gt; 100 examples per class (lr 5e-5, 5 epochs, batch 15).</summary>
    public FineTuneSettings FewShotLarge { get; init; } = FineTuneSettings.FewShotLarge;

    /// <summary>
    /// Micro-batches of 8 per GUE optimizer step for every task, or null for each task's script value (1; COVID 4).
    /// The paper preset uses 4: the effective batch of 32 of DNABERT-2's fine-tuning on one device.
    /// </summary>
    public int? GueGradientAccumulationSteps { get; init; }

    /// <summary>The flavour's settings on top of these options (everything else unchanged).</summary>
    public ReproductionOptions WithFlavour(ReproductionFlavour flavour)
    {
        var upstream = flavour == ReproductionFlavour.Upstream;
        return this with
        {
            Flavour = flavour,
            PmiDefinition = upstream ? PmiDefinition.GeneMaskPublished : PmiDefinition.Paper,
            Compatibility = upstream ? UpstreamCompatibility.All : UpstreamCompatibility.None,
            FewShotSmall = upstream ? FineTuneSettings.FewShotSmallUpstream : FineTuneSettings.FewShotSmall,
            FewShotLarge = FineTuneSettings.FewShotLarge,
            SampleFewShotSets = !upstream,

            // 8 rows × 4 on one device: the effective 32 of both DNABERT-2's fine-tuning and the authors' GUE script (8 × 2 GPUs × 2).
            GueGradientAccumulationSteps = Preset.StartsWith("quick", StringComparison.Ordinal) ? null : 4,
        };
    }

    /// <summary>The pretraining options every strategy of this reproduction runs with (the plan shows them, the pipeline uses them).</summary>
    public PretrainingOptions ToPretrainingOptions(string outputDirectory, bool resume = true) => new()
    {
        MaxSteps = PretrainingSteps,
        BatchSize = BatchSize,
        GradientAccumulationSteps = GradientAccumulationSteps,
        LearningRate = LearningRate,
        WarmupSteps = WarmupSteps,
        MaxSequenceLength = KmerTokenizer.EncodedLength(MaxChunkBases),
        EvaluationInterval = EvaluationInterval,
        MaxValidationRows = MaxValidationRows,
        CheckpointInterval = CheckpointInterval,
        OutputDirectory = outputDirectory,
        Resume = resume,
        Seed = Seed,
        Device = Device,
        Precision = Precision,
    };

    /// <summary>The GUE fine-tuning settings of a task under these options (epochs override, accumulation).</summary>
    public FineTuneSettings GueSettings(TaskDescriptor task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var settings = task.FineTuning ?? throw new ArgumentException($"Task {task.Name} has no fine-tuning settings.", nameof(task));
        if (GueEpochs is { } epochs)
        {
            settings = settings with { Epochs = epochs };
        }

        return GueGradientAccumulationSteps is { } accumulation ? settings with { GradientAccumulationSteps = accumulation } : settings;
    }

    /// <summary>The architecture that will be built.</summary>
    public BertConfig ResolvedModelConfig => ModelConfig ?? (Model == ReproductionModel.Logo ? BertConfig.Logo : BertConfig.DnaBert);

    /// <summary>Human-readable architecture name for model labels (LOGO, DNABert).</summary>
    public string ModelLabel => Model == ReproductionModel.Logo ? "LOGO" : "DNABert";

    /// <summary>Steps as the paper writes them (1K, 10K) or the plain number.</summary>
    public string StepsLabel => PretrainingSteps % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{PretrainingSteps / 1000}K") : PretrainingSteps.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The curriculum that pretrains with <paramref name="strategy"/> (a catalogue name) over <paramref name="table"/>
    /// under these options: the compatibility's upstream behaviours, CM-GEMS with the evaluation interval and threshold.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not in the catalogue; the message lists the known ones.</exception>
    public ICurriculumScheduler CreateCurriculum(string strategy, PmiTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var settings = new CurriculumSettings { CmGems = new CmGemsCurriculumOptions { EvaluationInterval = EvaluationInterval, Threshold = CmGemsThreshold } };
        return MaskingCatalog.Get(strategy).CreateCurriculum(table, Compatibility, settings);
    }

    /// <summary>The name of the model pretrained with <paramref name="strategy"/> in the tables (e.g. "LOGO CM-GEMS 200").</summary>
    /// <exception cref="ArgumentException">The name is not in the catalogue; the message lists the known ones.</exception>
    public string ModelName(string strategy)
    {
        var name = MaskingCatalog.Get(strategy).PaperName;
        var model = name.Length == 0 ? $"{ModelLabel} {StepsLabel}" : $"{ModelLabel} {name} {StepsLabel}";

        // Both flavours may share an output folder and a results file: their models must not be mistaken for each other.
        return Flavour == ReproductionFlavour.Upstream ? model + " (upstream)" : model;
    }

    /// <summary>The folder (under <c>pretraining/</c>) of the model pretrained with <paramref name="strategy"/>: <c>cm-gems</c>, <c>cm-gems-upstream</c>.</summary>
    /// <exception cref="ArgumentException">The name is not in the catalogue; the message lists the known ones.</exception>
    public string PretrainingFolderName(string strategy)
    {
        var name = MaskingCatalog.Get(strategy).Name;
        return Flavour == ReproductionFlavour.Upstream ? name + "-upstream" : name;
    }

    /// <summary>
    /// The scaled-down run of the samples' default: LOGO, four strategies (k-mer span, GeneMask, Global, CM-GEMS),
    /// 100 steps of 8 rows of at most 126 bases (≤ 121 6-mers), CM-GEMS evaluated every 20 steps; few-shot Prom-core and
    /// Splice-40 at n = 10 with 3 seeds, scored on 300 test examples each (Table 4), or the shipped GUE task
    /// prom_core_tata on 1,000 training rows for 1 epoch (Tables 2 and 6). About 15 minutes on 2 CPU cores.
    /// </summary>
    public static ReproductionOptions Quick(int table = 4, string device = "cpu", ReproductionModel model = ReproductionModel.Logo, ReproductionFlavour flavour = ReproductionFlavour.Paper) => new ReproductionOptions
    {
        Preset = "quick",
        Table = table,
        Model = model,
        Strategies = table == 6 ? [GeneMaskMasking.StrategyName, CmGemsCurriculum.CurriculumName] : [KmerSpanMasking.StrategyName, GeneMaskMasking.StrategyName, GlobalPmiMasking.StrategyName, CmGemsCurriculum.CurriculumName],
        PretrainingSteps = 100,
        BatchSize = 8,
        WarmupSteps = 10,
        MaxChunkBases = 126,
        EvaluationInterval = 20,
        MaxValidationRows = 200,
        CheckpointInterval = 25,
        FewShotTasks = table == 4 ? [TaskCatalog.FewShotPromCore.Name, TaskCatalog.FewShotSplice40.Name] : [],
        Shots = [10],
        Seeds = 3,
        MaxTestExamples = 300,
        GueTasks = table == 4 ? [] : [TaskCatalog.PromCoreTata.Name],
        GueMaxTrainRows = 1_000,
        GueEpochs = 1,
        Device = device,
    }.WithFlavour(flavour);

    /// <summary>
    /// The paper's settings (reference notes §5, §7; every choice and its source in <c>docs/reproducing.md</c>) for a
    /// CUDA machine. Strategies per table as the paper reports them: Table 2 — Global, GeneMask, CM-Step, CM-GEMS 10K on
    /// the paper's 27 GUE datasets; Table 4 — k-mer span (DNABert), GeneMask, Global, CM-Step, CM-GEMS 10K, few-shot on
    /// the five tasks × {10, 50} × 10 seeds; Table 6 — GeneMask, CM-Step, CM-GEMS 1K on the 27 GUE datasets. Full
    /// 510-base chunks, 10 (DNABert) or 5 (LOGO) rows × 25 accumulation (the GeneMask scripts' recipe, which the LOGO
    /// runs reuse), lr 8e-4, warm-up 500; CM-GEMS evaluates on the whole validation split every 500 steps (100 in the
    /// 1K-step Table 6, where 500 could never switch).
    /// </summary>
    public static ReproductionOptions Paper(int table = 4, string device = "cuda", ReproductionModel model = ReproductionModel.DnaBert, ReproductionFlavour flavour = ReproductionFlavour.Paper) => new ReproductionOptions
    {
        Preset = "paper",
        Table = table,
        Model = model,
        Strategies = table switch
        {
            2 => [GlobalPmiMasking.StrategyName, GeneMaskMasking.StrategyName, CmStepCurriculum.CurriculumName, CmGemsCurriculum.CurriculumName],
            6 => [GeneMaskMasking.StrategyName, CmStepCurriculum.CurriculumName, CmGemsCurriculum.CurriculumName],
            _ => [KmerSpanMasking.StrategyName, GeneMaskMasking.StrategyName, GlobalPmiMasking.StrategyName, CmStepCurriculum.CurriculumName, CmGemsCurriculum.CurriculumName],
        },
        PretrainingSteps = table == 6 ? 1_000 : 10_000,
        BatchSize = model == ReproductionModel.DnaBert ? 10 : 5,

        // The paper gives LOGO 5 rows per GPU; the upstream scripts it follows keep DNABert's ×25 accumulation.
        GradientAccumulationSteps = 25,
        WarmupSteps = 500,
        MaxChunkBases = 510,
        EvaluationInterval = table == 6 ? 100 : 500,

        // Upstream evaluates CM-GEMS on the whole validation split.
        MaxValidationRows = 0,
        CheckpointInterval = 500,
        FewShotTasks = table == 4 ? [.. TaskCatalog.FewShotTasks.Select(t => t.Name)] : [],
        Shots = [10, 50],
        Seeds = 10,
        GueTasks = table == 4 ? [] : [.. TaskCatalog.PaperGueTasks.Select(t => t.Name)],
        Device = device,
    }.WithFlavour(flavour);

    /// <summary>Every problem of the options, each naming the field and the offending value; empty when valid (<see cref="ReproductionOptionsValidator"/>).</summary>
    internal List<string> Failures()
    {
        var failures = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add(message);
            }
        }

        var inv = CultureInfo.InvariantCulture;
        Check(!string.IsNullOrWhiteSpace(Preset), "ReproductionOptions.Preset must not be empty.");
        Check(SupportedTables.Contains(Table), string.Create(inv, $"ReproductionOptions.Table is {Table}; expected 2, 4 or 6."));
        Check(Enum.IsDefined(Model), $"ReproductionOptions.Model is {Model}; expected Logo or DnaBert.");
        Check(Strategies is { Count: > 0 }, "ReproductionOptions.Strategies must list at least one strategy.");
        var entries = new List<MaskingCatalogEntry>();
        foreach (var s in Strategies ?? [])
        {
            if (MaskingCatalog.TryGet(s, out var entry))
            {
                entries.Add(entry);
            }
            else
            {
                failures.Add($"ReproductionOptions.Strategies holds '{s}', which is not in the masking catalogue ({string.Join(", ", MaskingCatalog.All.Select(e => e.Name))}).");
            }
        }

        foreach (var s in entries.GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            failures.Add($"ReproductionOptions.Strategies lists {s.Key} more than once.");
        }

        Check(PretrainingSteps >= 1, string.Create(inv, $"ReproductionOptions.PretrainingSteps is {PretrainingSteps}; must be at least 1."));
        Check(BatchSize >= 1, string.Create(inv, $"ReproductionOptions.BatchSize is {BatchSize}; must be at least 1."));
        Check(GradientAccumulationSteps >= 1, string.Create(inv, $"ReproductionOptions.GradientAccumulationSteps is {GradientAccumulationSteps}; must be at least 1."));
        Check(LearningRate > 0 && double.IsFinite(LearningRate), string.Create(inv, $"ReproductionOptions.LearningRate is {LearningRate}; must be positive."));
        Check(WarmupSteps >= 0 && WarmupSteps < PretrainingSteps, string.Create(inv, $"ReproductionOptions.WarmupSteps is {WarmupSteps}; must be in [0, PretrainingSteps = {PretrainingSteps})."));
        var config = ResolvedModelConfig;
        Check(MaxChunkBases >= 6 + 5 && KmerTokenizer.EncodedLength(MaxChunkBases) <= config.MaxPositions,
            string.Create(inv, $"ReproductionOptions.MaxChunkBases is {MaxChunkBases}; must be at least 11 and its 6-mers plus [CLS]/[SEP] must fit the model's {config.MaxPositions} positions (at most {KmerTokenizer.MaxBases(config.MaxPositions)} bases)."));
        Check(EvaluationInterval >= 1 && EvaluationInterval <= PretrainingSteps,
            string.Create(inv, $"ReproductionOptions.EvaluationInterval is {EvaluationInterval}; must be in [1, PretrainingSteps = {PretrainingSteps}]."));
        if (entries.Any(e => e is CurriculumEntry { DecidesOnEvaluations: true }))
        {
            // CM-GEMS decides at the earliest on its second evaluation (step 2 × interval) and the new phase applies from
            // the next step: with no step left after it, the run could never switch (reference §5: 1,000 steps, interval 500).
            Check(PretrainingSteps > 2L * EvaluationInterval,
                string.Create(inv, $"ReproductionOptions.EvaluationInterval is {EvaluationInterval}: CM-GEMS decides at the earliest after step {2L * EvaluationInterval} (its second evaluation) and no step of the {PretrainingSteps} could follow; use an interval below {(PretrainingSteps + 1) / 2}."));
            Check(CmGemsThreshold >= 0 && double.IsFinite(CmGemsThreshold), string.Create(inv, $"ReproductionOptions.CmGemsThreshold is {CmGemsThreshold}; must be a finite perplexity change ≥ 0."));
        }

        Check(MaxValidationRows >= 0, string.Create(inv, $"ReproductionOptions.MaxValidationRows is {MaxValidationRows}; must be 0 (the whole validation split) or more."));
        Check(Enum.IsDefined(Flavour), $"ReproductionOptions.Flavour is {Flavour}; expected Paper or Upstream.");
        Check(Compatibility is not null, "ReproductionOptions.Compatibility must not be null.");
        var c = Compatibility ?? UpstreamCompatibility.None;
        Check(Enum.IsDefined(PmiDefinition) && Enum.IsDefined(c.RankLookup) && Enum.IsDefined(c.GeneMaskUnknownKmerRank) && Enum.IsDefined(c.RandomReplacement) && Enum.IsDefined(c.CmGemsRule),
            $"ReproductionOptions: an enum setting is out of range (PmiDefinition {PmiDefinition}, Compatibility.RankLookup {c.RankLookup}, Compatibility.GeneMaskUnknownKmerRank {c.GeneMaskUnknownKmerRank}, Compatibility.RandomReplacement {c.RandomReplacement}, Compatibility.CmGemsRule {c.CmGemsRule}).");
        Check(c.KeepAllCentresUpTo >= 0, string.Create(inv, $"ReproductionOptions.Compatibility.KeepAllCentresUpTo is {c.KeepAllCentresUpTo}; must be 0 (off) or more."));
        Check(FewShotSmall is not null && FewShotLarge is not null, "ReproductionOptions.FewShotSmall and FewShotLarge must not be null.");
        Check(GueGradientAccumulationSteps is null or >= 1, string.Create(inv, $"ReproductionOptions.GueGradientAccumulationSteps is {GueGradientAccumulationSteps}; must be null or at least 1."));
        Check(CheckpointInterval >= 0, string.Create(inv, $"ReproductionOptions.CheckpointInterval is {CheckpointInterval}; must be 0 (end only) or more."));
        Check(Seeds >= 1, string.Create(inv, $"ReproductionOptions.Seeds is {Seeds}; must be at least 1."));
        Check(BaselineModel is null || (Table == 4 && !string.IsNullOrWhiteSpace(BaselineModel)),
            string.Create(inv, $"ReproductionOptions.BaselineModel is '{BaselineModel}' with Table {Table}; a baseline checkpoint folder is evaluated for Table 4 only."));
        Check(Shots is { Count: > 0 } && Shots.All(n => n >= 1), "ReproductionOptions.Shots must list at least one n, each at least 1.");
        Check(MaxTestExamples is null or >= 10, string.Create(inv, $"ReproductionOptions.MaxTestExamples is {MaxTestExamples}; must be null or at least 10."));
        Check(GueMaxTrainRows is null or >= 10, string.Create(inv, $"ReproductionOptions.GueMaxTrainRows is {GueMaxTrainRows}; must be null or at least 10."));
        Check(GueEpochs is null or >= 1, string.Create(inv, $"ReproductionOptions.GueEpochs is {GueEpochs}; must be null or at least 1."));
        Check(!string.IsNullOrWhiteSpace(Device), "ReproductionOptions.Device must not be empty (cpu, cuda or cuda:N).");
        CheckTasks(FewShotTasks, BenchmarkSuite.FewShot, nameof(FewShotTasks), failures);
        CheckTasks(GueTasks, BenchmarkSuite.Gue, nameof(GueTasks), failures);
        if (Table == 4)
        {
            Check(FewShotTasks is { Count: > 0 }, "ReproductionOptions.FewShotTasks must list at least one task for Table 4.");
        }
        else if (SupportedTables.Contains(Table))
        {
            Check(GueTasks is { Count: > 0 }, string.Create(inv, $"ReproductionOptions.GueTasks must list at least one task for Table {Table}."));
        }

        return failures;
    }

    private static void CheckTasks(IReadOnlyList<string>? names, BenchmarkSuite suite, string field, List<string> failures)
    {
        if (names is null)
        {
            failures.Add($"ReproductionOptions.{field} must not be null.");
            return;
        }

        foreach (var name in names)
        {
            TaskCatalog.TryGet(name, out var task);
            if (task is null)
            {
                failures.Add($"ReproductionOptions.{field} holds '{name}', which is not in the task catalogue ({string.Join(", ", TaskCatalog.All.Where(t => t.Suite == suite).Select(t => t.Name))}).");
            }
            else if (task.Suite != suite)
            {
                failures.Add($"ReproductionOptions.{field} holds '{name}', which is a {task.Suite} task.");
            }
        }
    }
}

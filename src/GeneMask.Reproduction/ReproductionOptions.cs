using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Reproduction.Experiments;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction;

/// <summary>
/// Everything a reproduction run does: which paper table, which model, how long each strategy is pretrained, how the
/// corpus is cut and how the pretrained models are evaluated. Build it from a preset
/// (<see cref="ReproductionPreset.Options"/>, or <see cref="Quick"/> and <see cref="Paper"/>) and adjust with
/// <c>with { … }</c>; the pipeline and the plan validate it, naming every offending value. The settings every
/// experiment shares (model, rows, schedule, evaluations, device, seeds) are <see cref="ExperimentOptions"/>'s.
/// </summary>
public sealed record ReproductionOptions : ExperimentOptions
{
    /// <summary>The preset the options came from (its rules decide what depends on the scale).</summary>
    public required ReproductionPreset Preset { get; init; }

    /// <summary>The paper table reproduced: 2 (GUE, 10K steps), 4 (few-shot accuracy) or 6 (GUE, 1K steps).</summary>
    public required ReproducedTable Table { get; init; }

    /// <summary>The architecture's name in the tables (LOGO or DNABert); <see cref="ExperimentOptions.Model"/> is its configuration.</summary>
    public required ReproductionModel Architecture { get; init; }

    /// <summary>
    /// The strategies pretrained, one model each, by catalogue name (<see cref="MaskingCatalog"/>): a strategy for the
    /// whole run (<c>kmer-span</c>, <c>genemask</c>, <c>global</c>, …) or a curriculum (<c>cm-step</c>, <c>cm-gems</c>).
    /// </summary>
    public required IReadOnlyList<string> Strategies { get; init; }

    /// <summary>Micro-batches per optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Linear warm-up steps.</summary>
    public required long WarmupSteps { get; init; }

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

    /// <summary>At most this many test examples per few-shot task (an evenly spaced subset); null for all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>GUE tasks (Tables 2 and 6), by catalogue name.</summary>
    public IReadOnlyList<string> GueTasks { get; init; } = [];

    /// <summary>At most this many training rows per GUE task (an evenly spaced subset); null for all.</summary>
    public int? GueMaxTrainRows { get; init; }

    /// <summary>GUE fine-tuning epochs instead of the task's (the DNABERT-2 script's); null for the task's.</summary>
    public int? GueEpochs { get; init; }

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
            GueGradientAccumulationSteps = Preset.GueGradientAccumulationSteps,
        };
    }

    /// <summary>The pretraining options every strategy of this reproduction runs with (the plan shows them, the pipeline uses them).</summary>
    internal PretrainingOptions ToPretrainingOptions(string outputDirectory, bool resume = true) => new()
    {
        MaxSteps = PretrainingSteps,
        BatchSize = BatchSize,
        GradientAccumulationSteps = GradientAccumulationSteps,
        LearningRate = LearningRate,
        WarmupSteps = WarmupSteps,
        MaxSequenceLength = KmerTokenizer.EncodedLength(ChunkBases),
        EvaluationInterval = EvaluationInterval,
        MaxValidationRows = EvaluationRows,
        CheckpointInterval = CheckpointInterval,
        OutputDirectory = outputDirectory,
        Resume = resume,
        Seed = Seed,
        Device = Device,
        Precision = Precision,
    };

    /// <summary>The GUE fine-tuning settings of a task under these options (epochs override, accumulation).</summary>
    internal FineTuneSettings GueSettings(TaskDescriptor task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var settings = task.FineTuning ?? throw new ArgumentException($"Task {task.Name} has no fine-tuning settings.", nameof(task));
        if (GueEpochs is { } epochs)
        {
            settings = settings with { Epochs = epochs };
        }

        return GueGradientAccumulationSteps is { } accumulation ? settings with { GradientAccumulationSteps = accumulation } : settings;
    }

    /// <summary>Human-readable architecture name for model labels (LOGO, DNABert).</summary>
    public string ModelLabel => Architecture == ReproductionModel.Logo ? "LOGO" : "DNABert";

    /// <summary>Steps as the paper writes them (1K, 10K) or the plain number.</summary>
    internal string StepsLabel => PretrainingSteps % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{PretrainingSteps / 1000}K") : PretrainingSteps.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The curriculum that pretrains with <paramref name="strategy"/> (a catalogue name) over <paramref name="table"/>
    /// under these options: the compatibility's upstream behaviours, CM-GEMS with the evaluation interval and threshold.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not in the catalogue; the message lists the known ones.</exception>
    internal ICurriculumScheduler CreateCurriculum(string strategy, PmiTable table)
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
    internal string PretrainingFolderName(string strategy)
    {
        var name = MaskingCatalog.Get(strategy).Name;
        return Flavour == ReproductionFlavour.Upstream ? name + "-upstream" : name;
    }

    /// <summary>The options of <see cref="ReproductionPreset.Quick"/> for <paramref name="table"/> (Table 4 when null).</summary>
    public static ReproductionOptions Quick(ReproducedTable? table = null, string device = "cpu", ReproductionModel model = ReproductionModel.Logo, ReproductionFlavour flavour = ReproductionFlavour.Paper) =>
        ReproductionPreset.Quick.Options(table ?? ReproducedTable.Four, device, model, flavour);

    /// <summary>The options of <see cref="ReproductionPreset.Paper"/> for <paramref name="table"/> (Table 4 when null): DNABert on a CUDA device by default.</summary>
    public static ReproductionOptions Paper(ReproducedTable? table = null, string device = "cuda", ReproductionModel model = ReproductionModel.DnaBert, ReproductionFlavour flavour = ReproductionFlavour.Paper) =>
        ReproductionPreset.Paper.Options(table ?? ReproducedTable.Four, device, model, flavour);
}

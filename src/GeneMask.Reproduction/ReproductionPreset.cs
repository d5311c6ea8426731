using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Models.TorchSharp;

namespace GeneMask.Reproduction;

/// <summary>
/// A family of settings for reproducing the paper's tables, with its rules for scaling: <see cref="Paper"/> (the
/// paper's settings, a CUDA machine) and <see cref="Quick"/> (scaled down so that it finishes on a CPU). The options
/// carry the preset they came from, so that what depends on the scale (the GUE batch, the reminder that a run is
/// scaled down) follows the preset rather than its name.
/// </summary>
public sealed class ReproductionPreset
{
    private ReproductionPreset(string name, bool scaledDown)
    {
        Name = name;
        IsScaledDown = scaledDown;
    }

    /// <summary>
    /// The scaled-down run of the samples' default: LOGO, the table's quick strategies (k-mer span, GeneMask, Global,
    /// CM-GEMS; GeneMask and CM-GEMS for Table 6), 100 steps of 8 rows of at most 126 bases (≤ 121 6-mers), CM-GEMS
    /// evaluated every 20 steps; few-shot Prom-core and Splice-40 at n = 10 with 3 seeds, scored on 300 test examples
    /// each (Table 4), or the shipped GUE task prom_core_tata on 1,000 training rows for 1 epoch (Tables 2 and 6).
    /// About 15 minutes on 2 CPU cores.
    /// </summary>
    public static ReproductionPreset Quick { get; } = new("quick", scaledDown: true);

    /// <summary>
    /// The paper's settings (reference notes §5, §7; every choice and its source in <c>docs/reproducing.md</c>) for a
    /// CUDA machine: the table's strategies and steps as the paper reports them, full 510-base chunks, 10 (DNABert) or
    /// 5 (LOGO) rows × 25 accumulation (the GeneMask scripts' recipe, which the LOGO runs reuse), lr 8e-4, warm-up 500;
    /// CM-GEMS evaluates on the whole validation split at the table's interval; few-shot on the five tasks × {10, 50}
    /// × 10 seeds (each run drawing its own n per class in the paper flavour, the published files in the upstream one), or
    /// the paper's 27 GUE datasets with an effective batch of 32.
    /// </summary>
    public static ReproductionPreset Paper { get; } = new("paper", scaledDown: false);

    /// <summary>The presets, by name.</summary>
    public static IReadOnlyList<ReproductionPreset> All { get; } = [Quick, Paper];

    /// <summary>The preset named <paramref name="name"/> (<c>quick</c> or <c>paper</c>).</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists the known ones.</exception>
    public static ReproductionPreset FromName(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"No preset is named '{name}'; expected {string.Join(" or ", All.Select(p => p.Name))}.", nameof(name));

    /// <summary>The preset's name, as reports print it (<c>quick</c>, <c>paper</c>, <c>quick (tiny)</c>, …).</summary>
    public string Name { get; }

    /// <summary>Whether runs of this preset are scaled down from the paper's (their numbers show the pipeline working, not the paper's results).</summary>
    public bool IsScaledDown { get; }

    /// <summary>The device the preset is made for: <c>cpu</c> when scaled down, else <c>cuda</c>.</summary>
    public string DefaultDevice => IsScaledDown ? "cpu" : "cuda";

    /// <summary>This preset under another name (e.g. <c>custom</c>, or with <c> (tiny)</c> added); its rules stay.</summary>
    public ReproductionPreset Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ReproductionPreset(name, IsScaledDown);
    }

    /// <summary>The preset's options for <paramref name="table"/>.</summary>
    public ReproductionOptions Options(ReproducedTable table, string device, ReproductionModel architecture = ReproductionModel.Logo, ReproductionFlavour flavour = ReproductionFlavour.Paper)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(device);
        var model = architecture == ReproductionModel.Logo ? BertConfig.Logo : BertConfig.DnaBert;
        var options = IsScaledDown
            ? new ReproductionOptions
            {
                Preset = this,
                Table = table,
                Architecture = architecture,
                Model = model,
                Strategies = table.QuickStrategies,
                PretrainingSteps = 100,
                BatchSize = 8,
                LearningRate = 8e-4,
                WarmupSteps = 10,
                ChunkBases = 126,
                EvaluationInterval = 20,
                EvaluationRows = 200,
                CheckpointInterval = 25,
                FewShotTasks = table.IsFewShot ? [TaskCatalog.FewShotPromCore.Name, TaskCatalog.FewShotSplice40.Name] : [],
                Shots = [10],
                Seeds = 3,
                MaxTestExamples = 300,
                GueTasks = table.IsFewShot ? [] : [TaskCatalog.PromCoreTata.Name],
                GueMaxTrainRows = 1_000,
                GueEpochs = 1,
                Device = device,
            }
            : new ReproductionOptions
            {
                Preset = this,
                Table = table,
                Architecture = architecture,
                Model = model,
                Strategies = table.PaperStrategies,
                PretrainingSteps = table.PaperSteps,
                BatchSize = architecture == ReproductionModel.DnaBert ? 10 : 5,
                LearningRate = 8e-4,

                // The paper gives LOGO 5 rows per GPU; the upstream scripts it follows keep DNABert's ×25 accumulation.
                GradientAccumulationSteps = 25,
                WarmupSteps = 500,
                ChunkBases = 510,
                EvaluationInterval = table.PaperEvaluationInterval,

                // Upstream evaluates CM-GEMS on the whole validation split.
                EvaluationRows = 0,
                CheckpointInterval = 500,
                FewShotTasks = table.IsFewShot ? [.. TaskCatalog.FewShotTasks.Select(t => t.Name)] : [],
                Shots = [10, 50],
                Seeds = 10,
                GueTasks = table.IsFewShot ? [] : [.. TaskCatalog.PaperGueTasks.Select(t => t.Name)],
                Device = device,
            };
        return options.WithFlavour(flavour);
    }

    /// <summary>
    /// The GUE gradient accumulation of this preset, the same in both flavours: 4 at the paper's scale (8 rows × 4 on one
    /// device: the effective 32 of DNABERT-2's fine-tuning and of the authors' GUE script, 8 per GPU × 2 accumulation ×
    /// 2 GPUs); each task's script value scaled down.
    /// </summary>
    public int? GueGradientAccumulationSteps => IsScaledDown ? null : 4;

    /// <summary>
    /// <paramref name="options"/> with <paramref name="steps"/> pretraining steps and the schedule scaled with them:
    /// warm-up at most a tenth of the steps, CM-GEMS evaluated at most every quarter of the steps (so that it can
    /// switch), checkpoints at most every <paramref name="steps"/>.
    /// </summary>
    public static ReproductionOptions WithSteps(ReproductionOptions options, long steps)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            PretrainingSteps = steps,
            WarmupSteps = Math.Min(options.WarmupSteps, Math.Max(0, steps / 10)),
            EvaluationInterval = (int)Math.Clamp(steps / 4, 1, options.EvaluationInterval),
            CheckpointInterval = Math.Min(options.CheckpointInterval, steps),
        };
    }

    /// <summary>
    /// <paramref name="options"/> on a one-layer, hidden-32 model, 40-base rows, batches of 4, 32 validation rows and at
    /// most 40 GUE training rows: the whole chain in seconds (tests, smoke runs). The preset's name says so.
    /// </summary>
    public static ReproductionOptions Tiny(ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Model = new BertConfig(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.0, 0.0, MaxPositions: 64),
            ChunkBases = 40,
            BatchSize = 4,
            EvaluationRows = 32,
            GueMaxTrainRows = Math.Min(options.GueMaxTrainRows ?? 40, 40),
            Preset = options.Preset.Named(options.Preset.Name + " (tiny)"),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

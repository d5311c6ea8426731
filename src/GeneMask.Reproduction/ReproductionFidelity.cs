using System.Globalization;
using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.FewShot;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;

namespace GeneMask.Reproduction;

/// <summary>
/// What a reproduction does where the paper and the upstream code part ways, in one place: the few-shot training sets,
/// the upstream reader's [UNK] ends, the authors' GUE batch and precision, Table 4's 120K row, and the list of upstream
/// behaviours with what the run does about each. The pipeline runs by it and the plan prints it.
/// </summary>
internal static class ReproductionFidelity
{
    /// <summary>The row of the published DNABERT weights in Table 4.</summary>
    public const string BaselineModelName = "DNABert 120K";

    /// <summary>The GUE effective batch of the CM-GEMS authors' script: 8 per GPU × 2 accumulation × 2 GPUs.</summary>
    public const int GueScriptEffectiveBatch = 8 * 2 * 2;

    public static bool IsUpstream(ReproductionOptions o) => o.Flavour == ReproductionFlavour.Upstream;

    public static FewShotTrainingSets TrainingSets(ReproductionOptions o) =>
        o.SampleFewShotSets ? FewShotTrainingSets.DrawnPerSeed : FewShotTrainingSets.UpstreamFiles;

    /// <summary>The upstream reader's [UNK] at both ends of the quoted training files: in the upstream flavour, when the files are used.</summary>
    public static bool UnknownAroundFiles(ReproductionOptions o) => IsUpstream(o) && !o.SampleFewShotSets;

    /// <summary>The few-shot task of a catalogue entry as the options run it.</summary>
    public static FewShotTask LoadFewShot(ReproductionOptions o, TaskDescriptor descriptor, string dataRoot)
    {
        var task = FewShotTask.FromFixtures(descriptor, dataRoot, TrainingSets(o));
        task = o.SampleFewShotSets
            ? task with { Shots = [.. o.Shots] }
            : task with { Shots = [.. o.Shots.Where(task.FixedTrainSets.ContainsKey)], UnknownAroundFixedTrainSets = UnknownAroundFiles(o) };
        return task;
    }

    /// <summary>
    /// The precision of GUE fine-tuning: the scripts' fp16 (<see cref="ModelPrecision.Fp16Mixed"/>) in the upstream flavour
    /// on a CUDA device; otherwise the run's precision.
    /// </summary>
    public static ModelPrecision GuePrecision(ReproductionOptions o) =>
        IsUpstream(o) && o.Device.StartsWith("cuda", StringComparison.Ordinal) ? ModelPrecision.Fp16Mixed : o.Precision;

    /// <summary>The precision of the options' fine-tuning runs: the run's for few-shot, <see cref="GuePrecision"/> for GUE.</summary>
    public static ModelPrecision FineTuningPrecision(ReproductionOptions o) => o.Table.IsFewShot ? o.Precision : GuePrecision(o);

    public static string GuePrecisionNote(ReproductionOptions o)
    {
        var precision = GuePrecision(o);
        return precision == ModelPrecision.Fp16Mixed
            ? "Fp16Mixed: the scripts' --fp16 (fp32 master weights, fp16 compute, loss scaling)"
            : IsUpstream(o)
                ? $"{precision}: substituted for the scripts' --fp16, which needs a CUDA device ({o.Device} has no fp16 compute; --precision Bf16Mixed is the nearest)"
                : $"{precision} (the scripts use --fp16; the paper flavour keeps the run's precision)";
    }

    public static string PretrainingOptimizer(PretrainingOptions p) => string.Create(CultureInfo.InvariantCulture,
        $"AdamW (β {p.Beta1:R}/{p.Beta2:R}, ε {p.AdamEpsilon:R}, weight decay {p.WeightDecay:R} except biases and LayerNorm weights), linear warm-up {p.WarmupSteps} steps then linear decay to 0 at step {p.MaxSteps}, gradient norm clipped at {p.MaxGradientNorm:R}");

    public static string FineTuningOptimizer(string warmup)
    {
        var c = new SequenceClassifierOptions();
        return string.Create(CultureInfo.InvariantCulture,
            $"AdamW (β {c.Beta1:R}/{c.Beta2:R}, ε {c.AdamEpsilon:R}, the settings' weight decay except biases and LayerNorm weights), linear warm-up {warmup} then linear decay to 0, gradient norm clipped at {c.MaxGradientNorm:R}");
    }

    public const string GueBestCheckpoint =
        "every task's evaluation_steps optimizer steps (200; 400 for the large promoter sets) the dev loss is measured and the weights with the lowest dev loss are kept for the test (the script's load_best_model_at_end with metric_for_best_model loss); a task without train (dev standing in) has no dev left and keeps its last weights";

    public static string GueRecipe(ReproductionOptions o)
    {
        var accumulation = o.GueGradientAccumulationSteps;
        return accumulation is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"8 rows × {a} accumulation = {8 * a} per optimizer step on one device (the authors' GUE script: 8 per GPU × 2 accumulation × 2 GPUs = {GueScriptEffectiveBatch})")
            : "8 rows per optimizer step (COVID: × 4), each task's script value without the authors' 2 GPUs × 2 accumulation (scaled down)";
    }

    /// <summary>Per few-shot task: the input length and the training sets of every n.</summary>
    public static IReadOnlyList<PlannedFewShotTask> FewShotTasks(ReproductionOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var tasks = new List<PlannedFewShotTask>();
        foreach (var descriptor in o.FewShotTasks.Select(TaskCatalog.Get))
        {
            var lines = new List<string>();
            var published = descriptor.Fixtures.Sum(f => f.ExamplesPerClass);
            foreach (var n in o.Shots)
            {
                if (o.SampleFewShotSets)
                {
                    lines.Add(string.Create(inv, $"n = {n}: {n} per class, drawn per seed (stratified) from the published files together (up to {published} per class)"));
                }
                else if (descriptor.Fixtures.FirstOrDefault(f => f.Shots == n) is { } file)
                {
                    lines.Add(string.Create(inv, $"n = {n}: the file {n}/train.tsv as published, {file.ExamplesPerClass} per class, the same for every seed{(UnknownAroundFiles(o) ? ", [UNK] at both ends of every sequence" : string.Empty)}"));
                }
                else
                {
                    lines.Add(string.Create(inv, $"n = {n}: not run (no published file named {n})"));
                }
            }

            tasks.Add(new PlannedFewShotTask(descriptor.Name, descriptor.FineTuning?.MaxLength ?? 512, lines));
        }

        return tasks;
    }

    /// <summary>Table 4's "DNABert 120K" row under these options.</summary>
    public static string BaselineRow(ReproductionOptions o) => o.BaselineModel is { } path
        ? $"{BaselineModelName}: measured, the checkpoint in {path} fine-tuned through the same few-shot protocol"
        : $"{BaselineModelName}: the published value, labelled published (give --baseline-model DIR with the DNABERT weights to measure it)";

    /// <summary>Why the rows of this run are not paper rows, or null when they are.</summary>
    public static string? Extension(ReproductionOptions o) => o.Table.IsFewShot && o.Architecture == ReproductionModel.Logo
        ? "Extension, not a paper row: the paper's Table 4 reports DNABert only; the LOGO rows are this project's."
        : null;

    /// <summary>Every upstream behaviour that changes the numbers of this run's table and what the run does about it.</summary>
    public static IReadOnlyList<PlannedBehaviour> UpstreamBehaviours(ReproductionOptions o)
    {
        var up = IsUpstream(o);
        var c = o.Compatibility;
        string Off(string paper) => up ? paper : "paper flavour: " + paper;
        List<PlannedBehaviour> pretraining =
        [
            new("k-mer ranking by the published recipe (two-part splits, 1-/2-mer segmentations, factor 2)", "§3", o.PmiDefinition == PmiDefinition.GeneMaskPublished, $"PMI definition {o.PmiDefinition}"),
            new("PMI rank looked up by position, not by token", "§6.1", c.RankLookup == RankLookup.ByPosition, $"rank lookup {c.RankLookup}"),
            new("CM-GEMS's GeneMask phase keeps the first half of the centres in hash-set order, not the best half", "§6.2", false,
                "left out in both flavours: the order is CPython's set iteration order (table size and probing of the interpreter); see docs/deviations.md"),
            new("GeneMask keeps every centre of a row with at most 8", "§4, upstream code", c.KeepAllCentresUpTo > 0, string.Create(CultureInfo.InvariantCulture, $"keep all centres up to {c.KeepAllCentresUpTo}")),
            new("[UNK] ranks best in GeneMask", "§6.3", c.GeneMaskUnknownKmerRank == UnknownKmerRank.Best, $"GeneMask [UNK] rank {c.GeneMaskUnknownKmerRank}; Global ranks it worst in both"),
            new("random replacement from the whole vocabulary, special tokens included", "§6.4", c.RandomReplacement == RandomReplacementSource.WholeVocabulary, $"replacement source {c.RandomReplacement}"),
            new("GeneMask 0.0176 and Global 0.0136 as written in the scripts and code", "GeneMask script --mlm_probability 0.0176; CM-GEMS and CM-Step code", c.RoundedProbabilities,
                c.RoundedProbabilities ? "p = 0.0176 and 0.0136" : Off("p = 0.15 / 8.5 and 0.15 / 11")),
            new("CM-GEMS switches on the minimum |Δ perplexity| so far", "§5", c.CmGemsRule == CmGemsSwitchRule.MinimumAbsoluteChange, $"switch rule {c.CmGemsRule}"),
            new("max_steps + 1 optimizer steps, the last at learning rate 0", "§6.5", false,
                "left out in both flavours: at learning rate 0 AdamW changes no weight (its step and its decoupled decay are both scaled by the rate), so the extra step only costs time; see docs/deviations.md"),
        ];
        List<PlannedBehaviour> fineTuning = o.Table.IsFewShot
            ?
            [
                new("[UNK] at both ends of every training sequence of the quoted few-shot files", "§6.6", UnknownAroundFiles(o),
                    UnknownAroundFiles(o) ? "the published files, each sequence read as [CLS] [UNK] k-mers [UNK] [SEP]" : up ? "no files are used (sets drawn per seed)" : Off("sets drawn per seed, read unquoted")),
                new("few-shot training sets: one published file per n (Splice-40, Silencer: 10·n per class), the same for every seed", "the upstream few-shot files and scripts; §7", !o.SampleFewShotSets,
                    o.SampleFewShotSets ? Off("n per class drawn per seed") : "the published files"),
                new("few-shot lr 1e-4 for n ≤ 100 (the GeneMask scripts; the paper: 4e-4)", "§7", o.FewShotSmall.LearningRate == FineTuneSettings.FewShotSmallUpstream.LearningRate,
                    string.Create(CultureInfo.InvariantCulture, $"lr {o.FewShotSmall.LearningRate:R}")),
            ]
            : [new("GUE fine-tuning in fp16", "DNABERT-2 and the authors' GUE scripts (--fp16)", GuePrecision(o) == ModelPrecision.Fp16Mixed, GuePrecisionNote(o))];
        return [.. pretraining, .. fineTuning];
    }
}

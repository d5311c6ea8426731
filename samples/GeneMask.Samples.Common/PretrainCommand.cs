using System.CommandLine;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>pretrain --corpus DIR --strategy NAME --steps N [--eval-interval M] [--precision P] [--no-resume] [--pmi TABLE.csv] --output DIR</c>:
/// masked-LM pretraining of the app's model with a strategy or curriculum of the catalogue (kmer-span, genemask, global,
/// cm-step, cm-gems, …) on a corpus built by <c>corpus</c>; writes the checkpoint, <c>metrics.jsonl</c> and <c>model/</c>.
/// </summary>
/// <remarks>
/// A rerun with the same <c>--output</c> continues the run there only if it is the same run (same options, strategy,
/// PMI table and corpus: its <see cref="RunFingerprint"/>); a finished run is then reused. Anything else fails before
/// any work, naming what differs; <c>--no-resume</c> starts over.
/// </remarks>
public static class PretrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("pretrain", "Pretrain the app's model with one masking strategy on a corpus built by 'corpus'; writes checkpoint.gmck, metrics.jsonl and model/ (safetensors + config.json). Ctrl+C stops after the current step; rerun with the same --output to resume the same run.");
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "Corpus folder written by 'corpus' (train.tokens, validation.tokens, manifest.json).", Required = true }.AcceptExistingOnly();
        var strategy = new Option<string>("--strategy") { Description = "A masking strategy for the whole run or a curriculum: " + string.Join(", ", MaskingCatalog.All.Select(e => e.Name)) + ".", DefaultValueFactory = _ => CmGemsCurriculum.CurriculumName }
            .AcceptNames(name => MaskingCatalog.Get(name));
        var steps = new Option<long>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => 1_000 }.InRange(1, SampleOptions.MaxSteps);
        var evalInterval = new Option<int?>("--eval-interval") { Description = "Steps between validation evaluations (CM-GEMS switches on them; default: steps / 6)." }.InRange(1, int.MaxValue);
        var noResume = new Option<bool>("--no-resume") { Description = "Start over even if --output holds a checkpoint or a finished run (it is replaced)." };
        var resume = new Option<bool>("--resume") { Description = "Old form of the default; --resume false is --no-resume.", DefaultValueFactory = _ => true, Hidden = true };
        var pmi = new Option<FileInfo>("--pmi") { Description = "PMI table CSV of the corpus' k (default: the embedded 6-mer table of the shipped genome)." }.AcceptExistingOnly();
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder.", Required = true }.OutputFolder();
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" }.DeviceName();
        var tiny = new Option<bool>("--tiny") { Description = "A one-layer, hidden-32 model (tests, smoke runs)." };
        var precision = new Option<ModelPrecision>("--precision") { Description = "Fp32 (default), Bf16Mixed (fp32 master weights, bf16 compute), Fp16Mixed (GPU, loss scaling) or Bf16 (pure bf16: drifts, for comparisons)." }.NamedValue();
        foreach (var option in new Option[] { corpus, strategy, steps, evalInterval, precision, noResume, resume, pmi, output, device, tiny })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (SampleOptions.TryGetValue(result, evalInterval, out var given) && given is { } interval
                && SampleOptions.TryGetValue(result, steps, out var n) && interval > n)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--eval-interval ({interval}) must not exceed --steps ({n})."));
            }
        });

        // On a worker thread, so that Ctrl+C handling can wait for the run to stop at a step boundary.
        command.SetAction((parse, cancellationToken) => Task.Run(() =>
        {
            var outputDirectory = parse.GetValue(output)!.FullName;
            return context.Run(
                () =>
                {
                    var n = parse.GetValue(steps);
                    var options = ReproduceCommand.Override(ReproductionOptions.Quick(ReproducedTable.Four, parse.GetValue(device)!, context.App.Model), n, null, null, null, parse.GetValue(tiny));
                    var interval = parse.GetValue(evalInterval) ?? (int)Math.Max(1, n / 6);
                    options = options with { EvaluationInterval = interval, Strategies = [MaskingCatalog.Get(parse.GetValue(strategy)!).Name], Preset = options.Preset.Named("custom"), Precision = parse.GetValue(precision) };
                    var startOver = parse.GetValue(noResume) || !parse.GetValue(resume);
                    return Run(context, options, parse.GetValue(corpus)!.FullName, parse.GetValue(pmi)?.FullName, outputDirectory, !startOver, cancellationToken);
                },
                outputDirectory);
        }, CancellationToken.None));
        return command;
    }

    /// <summary>Pretrains <c>options.Strategies[0]</c> under a progress bar and prints a summary; returns the exit code.</summary>
    /// <remarks>Everything that can be checked is checked before the model is built: the device, the PMI table and its k, the corpus manifest.</remarks>
    public static int Run(SampleContext context, ReproductionOptions options, string corpusDirectory, string? pmiPath, string outputDirectory, bool resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var console = context.Console;
        var pipeline = new ReproductionPipeline(options);
        SampleOptions.CheckDevice(options.Device);
        var strategy = options.Strategies[0];
        CorpusManifest.Verify(corpusDirectory);
        using var train = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.ValidationTokensFile));
        var table = pmiPath is null ? PmiTable.LoadDefault() : PmiTable.Load(pmiPath);
        if (table.K != train.K)
        {
            throw new InvalidDataException($"--pmi {pmiPath ?? "(embedded table)"} ranks {table.K}-mers, but the corpus {corpusDirectory} and the model use {train.K}-mers; give a {train.K}-mer PMI table.");
        }

        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine(Markup.Escape(string.Create(inv, $"Pretraining {options.ModelName(strategy)}: {options.PretrainingSteps} steps × {options.BatchSize} rows, evaluation every {options.EvaluationInterval} steps, {options.Device}, {options.Precision}.")));
        var model = context.WithProgress(
            "pretrain " + strategy,
            fraction => pipeline.Pretrain(strategy, table, train, validation, outputDirectory, new SynchronousProgress<PretrainingProgress>(p => fraction(p.Step / (double)p.MaxSteps)), resume, cancellationToken));
        if (model.Reused)
        {
            console.MarkupLine(Markup.Escape($"{outputDirectory} already holds this run, finished: nothing to do (--no-resume trains it again)."));
        }

        console.MarkupLine(Markup.Escape(string.Create(inv,
            $"Final training loss {model.FinalLoss:F3}, validation perplexity {model.FinalPerplexity:F1}{(model.SwitchStep is { } s ? $", CM-GEMS switched to Global at step {s}" : string.Empty)}.")));
        console.MarkupLine($"Written to [green]{Markup.Escape(outputDirectory)}[/]: {MlmPretrainer.CheckpointFileName}, {MlmPretrainer.MetricsFileName}, {MlmPretrainer.ModelFolderName}/");
        return 0;
    }
}

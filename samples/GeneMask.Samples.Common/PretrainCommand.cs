using System.CommandLine;
using System.Globalization;
using GeneMask.Reproduction;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>pretrain --corpus DIR --strategy random-span|genemask|global|cm-step|cm-gems --steps N [--eval-interval M]
/// [--resume|--no-resume] [--pmi TABLE.csv] --output DIR</c>: masked-LM pretraining of the app's model on a corpus
/// built by <c>corpus</c>; writes the checkpoint, <c>metrics.jsonl</c> and <c>model/</c>.
/// </summary>
public static class PretrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(SampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("pretrain", "Pretrain the app's model with one masking strategy on a corpus built by 'corpus'; writes checkpoint.gmck, metrics.jsonl and model/ (safetensors + config.json). Ctrl+C stops after the current step; rerun with the same --output to resume.");
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "Corpus folder written by 'corpus' (train.tokens, validation.tokens).", Required = true }.AcceptExistingOnly();
        var strategy = new Option<string>("--strategy") { Description = "random-span, genemask, global, cm-step or cm-gems.", DefaultValueFactory = _ => "cm-gems" };
        strategy.AcceptOnlyFromAmong([.. PretrainingStrategies.All.Select(s => s.CliName())]);
        var steps = new Option<long>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => 1_000 };
        var evalInterval = new Option<int?>("--eval-interval") { Description = "Steps between validation evaluations (CM-GEMS switches on them; default: steps / 6)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --output (default true; --resume false starts over).", DefaultValueFactory = _ => true };
        var pmi = new Option<FileInfo>("--pmi") { Description = "PMI table CSV (default: the embedded 6-mer table of the shipped genome)." }.AcceptExistingOnly();
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder.", Required = true };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var tiny = new Option<bool>("--tiny") { Description = "A one-layer, hidden-32 model (tests, smoke runs)." };
        foreach (var option in new Option[] { corpus, strategy, steps, evalInterval, resume, pmi, output, device, tiny })
        {
            command.Options.Add(option);
        }

        // On a worker thread, so that Ctrl+C handling can wait for the run to stop at a step boundary.
        command.SetAction((parse, cancellationToken) => Task.Run(() => context.Run(() =>
        {
            var n = parse.GetValue(steps);
            var options = ReproduceCommand.Override(ReproductionOptions.Quick(4, parse.GetValue(device)!, context.App.Model), n, null, null, null, parse.GetValue(tiny));
            var interval = parse.GetValue(evalInterval) ?? (int)Math.Max(1, n / 6);
            options = options with { EvaluationInterval = interval, Strategies = [PretrainingStrategies.Parse(parse.GetValue(strategy)!)], Preset = "custom" };
            return Run(context, options, parse.GetValue(corpus)!.FullName, parse.GetValue(pmi)?.FullName, parse.GetValue(output)!.FullName, parse.GetValue(resume), cancellationToken);
        }), CancellationToken.None));
        return command;
    }

    /// <summary>Pretrains <c>options.Strategies[0]</c> under a progress bar and prints a summary; returns the exit code.</summary>
    public static int Run(SampleContext context, ReproductionOptions options, string corpusDirectory, string? pmiPath, string outputDirectory, bool resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var console = context.Console;
        var pipeline = new ReproductionPipeline(options);
        var strategy = options.Strategies[0];
        var table = pmiPath is null ? PmiTable.LoadDefault() : PmiTable.Load(pmiPath);
        using var train = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpusDirectory, PretrainingCorpusBuilder.ValidationTokensFile));
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine(Markup.Escape(string.Create(inv, $"Pretraining {options.ModelName(strategy)}: {options.PretrainingSteps} steps × {options.BatchSize} rows, evaluation every {options.EvaluationInterval} steps, {options.Device}.")));
        var model = context.WithProgress(
            "pretrain " + strategy.CliName(),
            fraction => pipeline.Pretrain(strategy, table, train, validation, outputDirectory, new InlineProgress<PretrainingProgress>(p => fraction(p.Step / (double)p.MaxSteps)), resume, cancellationToken));
        console.MarkupLine(Markup.Escape(string.Create(inv,
            $"Final training loss {model.FinalLoss:F3}, validation perplexity {model.FinalPerplexity:F1}{(model.SwitchStep is { } s ? $", CM-GEMS switched to Global at step {s}" : string.Empty)}.")));
        console.MarkupLine($"Written to [green]{Markup.Escape(outputDirectory)}[/]: {MlmPretrainer.CheckpointFileName}, {MlmPretrainer.MetricsFileName}, {MlmPretrainer.ModelFolderName}/");
        return 0;
    }
}

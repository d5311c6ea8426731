using System.CommandLine;
using System.Globalization;
using GeneMask.Evaluation.Runs;
using GeneMask.Infrastructure;
using GeneMask.Reproduction;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>
/// <c>fewshot --model DIR --tasks Prom-core,Splice-40 --shots 10,50 --seeds 10 --output DIR</c> (alias <c>finetune</c>)
/// and <c>gue --model DIR --tasks prom_core_tata --output DIR</c>: fine-tune a pretrained model and write the results
/// and the paper-shaped table (Table 4, or Table 2 for GUE).
/// </summary>
public static class FineTuneCommand
{
    /// <summary>Creates the few-shot command (alias <c>finetune</c>).</summary>
    public static Command CreateFewShot(SampleContext context) => Create(context, fewShot: true);

    /// <summary>Creates the GUE command.</summary>
    public static Command CreateGue(SampleContext context) => Create(context, fewShot: false);

    private static Command Create(SampleContext context, bool fewShot)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = fewShot
            ? new Command("fewshot", "Few-shot fine-tuning of a pretrained model (n examples per class drawn per seed), scored on the tasks' test splits; writes results.json and Table 4 with its plot.")
            : new Command("gue", "GUE fine-tuning of a pretrained model (train, select on dev, score MCC on test); writes results.json and Table 2.");
        if (fewShot)
        {
            command.Aliases.Add("finetune");
        }

        var model = new Option<DirectoryInfo>("--model") { Description = "Pretrained model folder (model.safetensors + config.json, e.g. pretrain's output/model).", Required = true }.AcceptExistingOnly();
        var name = new Option<string>("--name") { Description = "Model name in the tables (default: the folder name)." };
        var tasks = new Option<string[]>("--tasks") { Description = fewShot ? "Few-shot tasks: Prom-core, Splice-40, Silencer, Prom-300, Cohn-enh." : "GUE tasks, e.g. prom_core_tata.", AllowMultipleArgumentsPerToken = true };
        var shots = new Option<int[]>("--shots") { Description = "n values (examples per class).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [10] }.EachInRange(1, 100_000);
        var seeds = new Option<int>("--seeds") { Description = "Seeds per setting (the paper: 10).", DefaultValueFactory = _ => 3 }.InRange(1, 1_000);
        var testExamples = new Option<int?>("--test-examples") { Description = "Score at most this many test examples per task (evenly spaced)." }.InRange(1, int.MaxValue);
        var maxTrainRows = new Option<int?>("--max-train-rows") { Description = "Use at most this many GUE training rows (evenly spaced)." }.InRange(1, int.MaxValue);
        var epochs = new Option<int?>("--epochs") { Description = "GUE epochs instead of the task's." }.InRange(1, 1_000);
        var data = new Option<DirectoryInfo>("--data") { Description = "Benchmark folder with fewshot/… and gue/… (default: the shipped data)." }.AcceptExistingOnly();
        var output = new Option<DirectoryInfo>("--output") { Description = "Output folder (results.json, report/). A rerun skips runs already done.", Required = true }.OutputFolder();
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" }.DeviceName();
        command.Options.Add(model);
        command.Options.Add(name);
        command.Options.Add(tasks);
        if (fewShot)
        {
            command.Options.Add(shots);
            command.Options.Add(seeds);
            command.Options.Add(testExamples);
        }
        else
        {
            command.Options.Add(maxTrainRows);
            command.Options.Add(epochs);
        }

        command.Options.Add(data);
        command.Options.Add(output);
        command.Options.Add(device);
        // On a worker thread, so that Ctrl+C handling can wait for the run to stop between fine-tunings.
        command.SetAction((parse, cancellationToken) => Task.Run(() => context.Run(
            () =>
        {
            var defaults = ReproductionOptions.Quick(fewShot ? ReproducedTable.Four : ReproducedTable.Two, parse.GetValue(device)!, context.App.Model);
            var custom = defaults.Preset.Named("custom");
            var taskNames = parse.GetValue(tasks) is { Length: > 0 } given ? given.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray() : null;
            var options = fewShot
                ? defaults with { Preset = custom, FewShotTasks = taskNames ?? defaults.FewShotTasks, Shots = parse.GetValue(shots)!, Seeds = parse.GetValue(seeds), MaxTestExamples = parse.GetValue(testExamples) }
                : defaults with { Preset = custom, GueTasks = taskNames ?? defaults.GueTasks, GueMaxTrainRows = parse.GetValue(maxTrainRows), GueEpochs = parse.GetValue(epochs) };
            var modelDirectory = parse.GetValue(model)!.FullName;
            var modelName = parse.GetValue(name) ?? new DirectoryInfo(modelDirectory).Name;
            return Run(context, options, modelDirectory, modelName, parse.GetValue(data)?.FullName ?? SampleData.Folder, parse.GetValue(output)!.FullName, cancellationToken);
        },
            parse.GetValue(output)!.FullName), CancellationToken.None));
        return command;
    }

    /// <summary>Fine-tunes and scores under a progress bar, writes the report and prints the table; returns the exit code.</summary>
    public static int Run(SampleContext context, ReproductionOptions options, string modelDirectory, string modelName, string dataRoot, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var console = context.Console;
        var pipeline = new ReproductionPipeline(options);
        SampleOptions.CheckDevice(options.Device);
        var (results, files, markdown) = context.WithProgress(
            options.Table.IsFewShot ? "few-shot fine-tuning" : "GUE fine-tuning",
            fraction => pipeline.FineTune(modelDirectory, modelName, dataRoot, outputDirectory,
                new SynchronousProgress<EvaluationProgress>(p => fraction(p.Completed / (double)p.Total)), cancellationToken));
        var resultsPath = Path.Combine(outputDirectory, ReproductionPipeline.ResultsFile);
        var reportDirectory = Path.Combine(outputDirectory, "report");
        console.Write(new Text(markdown));
        console.WriteLine();
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{results.Count} runs in {resultsPath}; report in {reportDirectory} ({string.Join(", ", files.Select(Path.GetFileName))}).")));
        return 0;
    }
}

using System.Text.Json;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Runs;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Samples.Tests;

/// <summary>The reproduction presets, and every training command end to end on a tiny model and a few steps.</summary>
[NonParallelizable] // torch's global generator and thread pool are shared by the runs.
public class ReproductionTests
{
    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "genemask-samples-repro-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);

        // One intra-op thread: tiny models gain nothing from more, and on a busy 2-core machine spinning worker threads
        // slow every step down many times over.
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_quick_preset_is_valid_and_is_what_the_README_promises()
    {
        var quick = ReproductionOptions.Quick();

        quick.Validate().Should().BeEmpty();
        quick.Table.Should().Be(4);
        quick.Model.Should().Be(ReproductionModel.Logo);
        quick.ResolvedModelConfig.Should().Be(BertConfig.Logo);
        quick.Device.Should().Be("cpu");
        quick.Strategies.Should().Equal(PretrainingStrategy.RandomSpan, PretrainingStrategy.GeneMask, PretrainingStrategy.Global, PretrainingStrategy.CmGems);
        quick.PretrainingSteps.Should().Be(100);
        quick.FewShotTasks.Should().Equal("Prom-core", "Splice-40");
        quick.Seeds.Should().BeGreaterThan(1, "several seeds give a mean ± std");

        // CM-GEMS can only switch after two evaluations (reference §5): the quick run has five.
        (quick.PretrainingSteps / quick.EvaluationInterval).Should().BeGreaterThanOrEqualTo(2);

        // Its rows fit the model: 126 bases = 121 6-mers + [CLS]/[SEP].
        (quick.MaxChunkBases - 6 + 1 + 2).Should().BeLessThanOrEqualTo(quick.ResolvedModelConfig.MaxPositions);
    }

    [Test]
    public void The_quick_preset_finds_its_tasks_in_the_shipped_data()
    {
        var pipeline = new ReproductionPipeline(ReproductionOptions.Quick());

        var tasks = pipeline.LoadFewShotTasks(SampleData.Folder);

        tasks.Select(t => t.Name).Should().Equal("Prom-core", "Splice-40");
        tasks.Should().OnlyContain(t => t.Test.Count == 300, "the quick preset scores an evenly spaced 300 of the test split");
        tasks[0].Pool.Should().HaveCount(100, "Prom-core's 50/train.tsv: 50 per class");
        tasks[1].Pool.Should().HaveCount(1_500, "Splice-40's 50/train.tsv: 500 per class");
        tasks.Should().OnlyContain(t => t.Shots!.SequenceEqual(new[] { 10 }) && t.FixedTrainSets.Count == 0, "each seed draws its own 10 per class");
        tasks[1].Test.Select(e => e.Label).Distinct().Should().HaveCount(3, "the subset keeps all classes");

        var gue = new ReproductionPipeline(ReproductionOptions.Quick(table: 2)).LoadGueTasks(SampleData.Folder);
        gue.Should().ContainSingle();
        gue[0].Train.Should().HaveCount(1_000);
        gue[0].Descriptor.FineTuning!.Epochs.Should().Be(1);
        gue[0].Test.Should().HaveCount(613);
    }

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(6)]
    public void The_paper_presets_are_valid_and_hold_the_papers_settings(int table)
    {
        var paper = ReproductionOptions.Paper(table);

        paper.Validate().Should().BeEmpty();
        paper.Device.Should().Be("cuda");
        paper.ResolvedModelConfig.Should().Be(BertConfig.DnaBert);
        (paper.BatchSize, paper.GradientAccumulationSteps, paper.LearningRate, paper.WarmupSteps, paper.MaxChunkBases).Should().Be((10, 25, 8e-4, 500L, 510));
        paper.PretrainingSteps.Should().Be(table == 6 ? 1_000 : 10_000);
        if (table == 4)
        {
            paper.Strategies.Should().HaveCount(5);
            paper.FewShotTasks.Should().HaveCount(5);
            (paper.Seeds, paper.Shots.Count).Should().Be((10, 2));
            paper.SampleFewShotSets.Should().BeFalse("the paper trains on the published fixture files");
        }
        else
        {
            paper.GueTasks.Should().Equal(TaskCatalog.GueTasks.Select(t => t.Name));
            paper.GueMaxTrainRows.Should().BeNull();
        }
    }

    [Test]
    public void Invalid_options_name_every_offending_value()
    {
        var bad = ReproductionOptions.Quick() with { Table = 5, PretrainingSteps = 30, EvaluationInterval = 20, FewShotTasks = ["Prom-core", "prom_core_all", "Nope"], Seeds = 0 };

        var failures = bad.Validate();

        failures.Should().Contain(f => f.Contains("Table is 5", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("CM-GEMS needs at least two evaluations in 30 steps", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("'prom_core_all', which is a Gue task", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("'Nope', which is not in the task catalogue", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("Seeds is 0", StringComparison.Ordinal));
        var act = () => new ReproductionPipeline(bad);
        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(failures.Count);
    }

    [Test]
    public void Reproduce_table_4_runs_the_whole_chain_and_writes_every_promised_file()
    {
        var output = Path.Combine(_root, "table4");

        var run = SampleRun.Start("reproduce", "--table", "4", "--tiny", "--steps", "4", "--seeds", "2", "--test-examples", "30", "--strategies", "random-span", "cm-gems", "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("scaled-down").And.Contain("--preset paper").And.Contain("Table 4").And.Contain("LOGO CM-GEMS 4").And.Contain("published");
        PmiTable.Load(Path.Combine(output, ReproductionPipeline.PmiTableFile)).K.Should().Be(6);
        using (var corpus = TokenCorpus.Open(Path.Combine(output, "corpus", PretrainingCorpusBuilder.TrainTokensFile)))
        {
            corpus.RowCount.Should().BeGreaterThan(1_000);
        }

        foreach (var strategy in new[] { "random-span", "cm-gems" })
        {
            var dir = Path.Combine(output, "pretraining", strategy);
            File.Exists(Path.Combine(dir, MlmPretrainer.ModelFolderName, "model.safetensors")).Should().BeTrue();
            File.Exists(Path.Combine(dir, MlmPretrainer.CheckpointFileName)).Should().BeTrue();
            File.ReadAllLines(Path.Combine(dir, MlmPretrainer.MetricsFileName)).Should().HaveCount(4, "one line per step");
        }

        // 2 models × 2 tasks × n = 10 × 2 seeds, each scored on 30 test examples.
        var results = EvaluationResults.Load(Path.Combine(output, ReproductionPipeline.ResultsFile));
        results.Runs.Should().HaveCount(8);
        results.Runs.Should().OnlyContain(r => r.TestCount == 30 && r.Shots == 10 && r.Scores.Accuracy >= 0 && r.Scores.Accuracy <= 1);
        results.Runs.Select(r => r.Model).Distinct().Should().BeEquivalentTo("LOGO 4", "LOGO CM-GEMS 4");
        var report = Path.Combine(output, "report");
        foreach (var file in new[] { "table4-fewshot-accuracy.md", "table4-fewshot-accuracy.csv", "table4-fewshot-accuracy.json", "fewshot-accuracy.png", "fewshot-accuracy.svg", "pretraining-loss.png", "pretraining-perplexity.svg" })
        {
            new FileInfo(Path.Combine(report, file)).Length.Should().BeGreaterThan(100, file);
        }

        File.ReadAllText(Path.Combine(report, "table4-fewshot-accuracy.md")).Should().Contain("LOGO CM-GEMS 4").And.Contain("DNABert CM-GEMS 10K");

        // A rerun reuses the pretraining and the fine-tuning runs: same results, nothing redone.
        var again = SampleRun.Start("reproduce", "--table", "4", "--tiny", "--steps", "4", "--seeds", "2", "--test-examples", "30", "--strategies", "random-span", "cm-gems", "--output", output);
        again.ExitCode.Should().Be(0, again.Output);
        again.Output.Should().Contain("pretrain random-span 0 s (reused)").And.Contain("pretrain cm-gems 0 s (reused)");
        EvaluationResults.Load(Path.Combine(output, ReproductionPipeline.ResultsFile)).ToJson().Should().Be(results.ToJson());
    }

    [TestCase(2, "genemask", "LOGO GeneMask 4", "table2-gue-mcc.md", "73.81")]
    [TestCase(6, "cm-gems", "LOGO CM-GEMS 4", "table6-gue-mcc.md", "67.79")]
    public void Reproduce_GUE_tables_fine_tune_on_the_shipped_GUE_task(int table, string strategy, string model, string file, string published)
    {
        var output = Path.Combine(_root, "table" + table);

        var run = SampleRun.Start("reproduce", "--table", table.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tiny", "--steps", "4", "--strategies", strategy, "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        var results = EvaluationResults.Load(Path.Combine(output, ReproductionPipeline.ResultsFile));
        results.Runs.Should().ContainSingle().Which.Should().Match<EvaluationRun>(r => r.Task == "prom_core_tata" && r.TrainCount == 40 && r.TestCount == 613 && r.Model == model);
        File.ReadAllText(Path.Combine(output, "report", file)).Should().Contain(model).And.Contain("prom_core_tata").And.Contain(published, "the paper's number for the same table is a published row");
    }

    [Test]
    public void Pretrain_fewshot_and_gue_commands_produce_their_files()
    {
        var corpus = Path.Combine(_root, "cmd-corpus");
        var pretrained = Path.Combine(_root, "cmd-pretrain");
        SampleRun.Start("corpus", "--fasta", TestData.Genome("phage_lambda_NC_001416.fa"), "--output", corpus).ExitCode.Should().Be(0);

        var pretrain = SampleRun.Start("pretrain", "--corpus", corpus, "--strategy", "global", "--steps", "6", "--eval-interval", "3", "--tiny", "--output", pretrained);
        pretrain.ExitCode.Should().Be(0, pretrain.Output);
        var lines = File.ReadAllLines(Path.Combine(pretrained, MlmPretrainer.MetricsFileName));
        lines.Should().HaveCount(6);
        lines.Count(l => l.Contains("\"perplexity\"", StringComparison.Ordinal)).Should().Be(2, "evaluations at steps 3 and 6");
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("strategy").GetString().Should().Be("global-pmi");

        var model = Path.Combine(pretrained, MlmPretrainer.ModelFolderName);
        var fewShotOutput = Path.Combine(_root, "cmd-fewshot");
        var fewShot = SampleRun.Start("finetune", "--model", model, "--name", "tiny global", "--tasks", "Splice-40", "--shots", "10", "--seeds", "2", "--test-examples", "30", "--output", fewShotOutput);
        fewShot.ExitCode.Should().Be(0, fewShot.Output);
        EvaluationResults.Load(Path.Combine(fewShotOutput, "results.json")).Runs.Should().HaveCount(2).And.OnlyContain(r => r.Model == "tiny global" && r.Task == "Splice-40" && r.TrainCount == 30);
        File.Exists(Path.Combine(fewShotOutput, "report", "fewshot-accuracy.png")).Should().BeTrue();

        var gueOutput = Path.Combine(_root, "cmd-gue");
        var gue = SampleRun.Start("gue", "--model", model, "--tasks", "prom_core_tata", "--max-train-rows", "20", "--epochs", "1", "--output", gueOutput);
        gue.ExitCode.Should().Be(0, gue.Output);
        EvaluationResults.Load(Path.Combine(gueOutput, "results.json")).Runs.Should().ContainSingle().Which.TrainCount.Should().Be(20);
        File.Exists(Path.Combine(gueOutput, "report", "table2-gue-mcc.csv")).Should().BeTrue();
    }

    [Test]
    public void Cancelled_pretraining_keeps_its_checkpoint_and_a_rerun_resumes_to_the_full_run()
    {
        var corpusDir = Path.Combine(_root, "cancel-corpus");
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 40, Seed = 5 }).Build([TestData.Genome("phage_lambda_NC_001416.fa")], corpusDir);
        var options = ReproduceCommand.Override(ReproductionOptions.Quick(), 10, null, ["genemask"], null, tiny: true) with { CheckpointInterval = 2 };
        var pipeline = new ReproductionPipeline(options);
        var table = PmiTable.LoadDefault();
        var output = Path.Combine(_root, "cancel-run");
        using var train = TokenCorpus.Open(Path.Combine(corpusDir, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpusDir, PretrainingCorpusBuilder.ValidationTokensFile));
        using var cancellation = new CancellationTokenSource();

        // Stop as Ctrl+C would, after step 5: the checkpoint of step 4 stays.
        var act = () => pipeline.Pretrain(PretrainingStrategy.GeneMask, table, train, validation, output,
            new InlineProgress<PretrainingProgress>(p =>
            {
                if (p.Step == 5)
                {
                    cancellation.Cancel();
                }
            }),
            cancellationToken: cancellation.Token);
        act.Should().Throw<OperationCanceledException>();
        File.Exists(Path.Combine(output, MlmPretrainer.CheckpointFileName)).Should().BeTrue();
        File.Exists(Path.Combine(output, ReproductionPipeline.DoneMarkerFile)).Should().BeFalse();

        var resumedSteps = new List<long>();
        var model = pipeline.Pretrain(PretrainingStrategy.GeneMask, table, train, validation, output, new InlineProgress<PretrainingProgress>(p => resumedSteps.Add(p.Step)));
        resumedSteps.First().Should().BeInRange(5, 6, "the rerun starts after the last checkpoint");
        resumedSteps.Last().Should().Be(10);
        model.FinalLoss.Should().NotBeNull();
        File.Exists(Path.Combine(output, ReproductionPipeline.DoneMarkerFile)).Should().BeTrue();
    }

    [TestCase("reproduce", "--preset")]
    [TestCase("pretrain", "--strategy")]
    [TestCase("fewshot", "--shots")]
    [TestCase("gue", "--max-train-rows")]
    [TestCase("corpus", "--output")]
    [TestCase("pmi", "--fasta")]
    [TestCase("mask", "--strategy")]
    [TestCase("stats", "--top")]
    public void Every_command_has_help(string command, string option)
    {
        var run = SampleRun.Start(command, "--help");

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain(option).And.Contain("Usage");
    }

    [Test]
    public void Bad_input_gives_exit_code_1_or_a_parse_error_and_a_message()
    {
        var missingData = SampleRun.Start("fewshot", "--model", _root, "--output", Path.Combine(_root, "bad"), "--tasks", "Nope");
        missingData.ExitCode.Should().Be(SampleContext.UserErrorExitCode);
        missingData.Output.Should().Contain("'Nope', which is not in the task catalogue");

        var badTable = SampleRun.Start("reproduce", "--table", "5");
        badTable.ExitCode.Should().NotBe(0);
        badTable.Output.Should().Contain("--table");
    }
}

using System.Text.Json;
using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Runs;
using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Reproduction;
using GeneMask.Reproduction.Reports;
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

        Failures(quick).Should().BeEmpty();
        quick.Table.Should().BeSameAs(ReproducedTable.Four);
        quick.Preset.Should().BeSameAs(ReproductionPreset.Quick);
        quick.Architecture.Should().Be(ReproductionModel.Logo);
        quick.Model.Should().Be(BertConfig.Logo);
        quick.Device.Should().Be("cpu");
        quick.Strategies.Should().Equal("kmer-span", "genemask", "global", "cm-gems");
        quick.PretrainingSteps.Should().Be(100);
        quick.FewShotTasks.Should().Equal("Prom-core", "Splice-40");
        quick.Seeds.Should().BeGreaterThan(1, "several seeds give a mean ± std");

        // CM-GEMS can only switch after two evaluations (reference §5): the quick run has five.
        (quick.PretrainingSteps / quick.EvaluationInterval).Should().BeGreaterThanOrEqualTo(2);

        // Its rows fit the model: 126 bases = 121 6-mers + [CLS]/[SEP].
        KmerTokenizer.EncodedLength(quick.ChunkBases).Should().BeLessThanOrEqualTo(quick.Model.MaxPositions);
    }

    [Test]
    public void The_quick_preset_finds_its_tasks_in_the_shipped_data()
    {
        var pipeline = new ReproductionPipeline(ReproductionOptions.Quick());

        var tasks = pipeline.LoadFewShotTasks(SampleData.Folder);

        tasks.Select(t => t.Name).Should().Equal("Prom-core", "Splice-40");
        tasks.Should().OnlyContain(t => t.Test.Count == 300, "the quick preset scores an evenly spaced 300 of the test split");
        tasks[0].Pool.Should().HaveCount(120, "Prom-core's published files together: 10 + 50 per class");
        tasks[1].Pool.Should().HaveCount(1_787, "Splice-40's published files together, each example once: up to 100 + 500 per class");
        tasks.Should().OnlyContain(t => t.Shots!.SequenceEqual(new[] { 10 }) && t.FixedTrainSets.Count == 0, "each seed draws its own 10 per class");
        tasks.Select(t => t.MaxLength).Should().Equal(67, 37);

        // The upstream flavour trains every seed on the file named 10 (Splice-40's holds 100 per class), quotes and all.
        var upstream = new ReproductionPipeline(ReproductionOptions.Quick(flavour: ReproductionFlavour.Upstream)).LoadFewShotTasks(SampleData.Folder);
        upstream.Should().OnlyContain(t => t.FixedTrainSets.Count == 2 && t.Shots!.SequenceEqual(new[] { 10 }) && t.UnknownAroundFixedTrainSets);
        upstream[1].FixedTrainSets[10].Should().HaveCount(300);
        tasks[1].Test.Select(e => e.Label).Distinct().Should().HaveCount(3, "the subset keeps all classes");

        var gue = new ReproductionPipeline(ReproductionOptions.Quick(ReproducedTable.Two)).LoadGueTasks(SampleData.Folder);
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
        var paper = ReproductionOptions.Paper(ReproducedTable.FromNumber(table));

        Failures(paper).Should().BeEmpty();
        paper.Device.Should().Be("cuda");
        paper.Flavour.Should().Be(ReproductionFlavour.Paper);
        paper.Model.Should().Be(BertConfig.DnaBert);
        (paper.BatchSize, paper.GradientAccumulationSteps, paper.LearningRate, paper.WarmupSteps, paper.ChunkBases).Should().Be((10, 25, 8e-4, 500L, 510));
        paper.PretrainingSteps.Should().Be(table == 6 ? 1_000 : 10_000);
        paper.EvaluationRows.Should().Be(0, "upstream evaluates CM-GEMS on the whole validation split");
        paper.EvaluationInterval.Should().Be(table == 6 ? 100 : 500);
        paper.Strategies.Should().Equal(table switch
        {
            2 => new[] { "global", "genemask", "cm-step", "cm-gems" },
            6 => new[] { "genemask", "cm-step", "cm-gems" },
            _ => new[] { "kmer-span", "genemask", "global", "cm-step", "cm-gems" },
        });
        if (table == 4)
        {
            paper.FewShotTasks.Should().HaveCount(5);
            (paper.Seeds, paper.Shots.Count).Should().Be((10, 2));
            paper.SampleFewShotSets.Should().BeTrue("the paper draws n per class for each of the ten runs");
            paper.FewShotSmall.LearningRate.Should().Be(4e-4);
        }
        else
        {
            paper.GueTasks.Should().HaveCount(27).And.Equal(TaskCatalog.PaperGueTasks.Select(t => t.Name)).And.NotContain("virus_covid");
            paper.GueMaxTrainRows.Should().BeNull();
        }

        // LOGO: 5 rows per GPU (the paper) with the upstream scripts' × 25 accumulation.
        var logo = ReproductionOptions.Paper(ReproducedTable.FromNumber(table), model: ReproductionModel.Logo);
        (logo.BatchSize, logo.GradientAccumulationSteps, logo.Model).Should().Be((5, 25, BertConfig.Logo));
        Failures(logo).Should().BeEmpty();
    }

    [Test]
    public void A_CM_GEMS_run_in_which_no_step_can_follow_the_switch_is_rejected()
    {
        // Reference §5: 1,000 steps with an evaluation every 500 — the second evaluation is the last step.
        var never = ReproductionOptions.Paper(ReproducedTable.Six) with { EvaluationInterval = 500 };
        Failures(never).Should().ContainSingle().Which.Should().Contain("EvaluationInterval is 500").And.Contain("after step 1000").And.Contain("no step of the 1000");
        Failures(ReproductionOptions.Paper(ReproducedTable.Six) with { EvaluationInterval = 499 }).Should().BeEmpty();
        Failures(ReproductionOptions.Paper(ReproducedTable.Six) with { EvaluationInterval = 500, Strategies = ["genemask"] }).Should().BeEmpty("only CM-GEMS reads the evaluations");
    }

    [Test]
    public void Invalid_options_name_every_offending_value()
    {
        var bad = ReproductionOptions.Quick() with { Table = null!, PretrainingSteps = 30, EvaluationInterval = 20, FewShotTasks = ["Prom-core", "prom_core_all", "Nope"], Seeds = 0 };

        var failures = Failures(bad);

        failures.Should().Contain(f => f.Contains("Table is null", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("CM-GEMS decides at the earliest after step 40", StringComparison.Ordinal));
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
        run.Output.Should().Contain("scaled-down").And.Contain("--preset paper").And.Contain("Table 4").And.Contain("LOGO CM-GEMS 4").And.Contain("published").And.Contain("flavour paper");
        File.Exists(Path.Combine(output, "report", ReproductionPipeline.PlanFile)).Should().BeTrue("the report keeps every setting of the run");
        PmiTable.Load(Path.Combine(output, ReproductionPipeline.PmiTableFile)).K.Should().Be(6);
        using (var corpus = TokenCorpus.Open(Path.Combine(output, "corpus", PretrainingCorpusBuilder.TrainTokensFile)))
        {
            corpus.RowCount.Should().BeGreaterThan(1_000);
        }

        // The old name random-span is accepted; the folders and stages use the catalogue's kmer-span.
        foreach (var strategy in new[] { "kmer-span", "cm-gems" })
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
        // Reused stages take no work, but their wall time may round up to a second on a busy machine.
        // The console wraps long lines anywhere.
        again.Output.Should().MatchRegex(@"pretrain kmer-span [01] s\s+\(reused\)").And.MatchRegex(@"pretrain cm-gems [01] s\s+\(reused\)").And.MatchRegex(@"few-shot cm-gems [01] s\s+\(reused\)");
        EvaluationResults.Load(Path.Combine(output, ReproductionPipeline.ResultsFile)).ToJson().Should().Be(results.ToJson());

        // Scores of 30 test examples are not reported as scores of 40: the rerun is refused before anything runs.
        var more = SampleRun.Start("reproduce", "--table", "4", "--tiny", "--steps", "4", "--seeds", "2", "--test-examples", "40", "--strategies", "random-span", "cm-gems", "--output", output);
        more.ExitCode.Should().Be(SampleContext.UserErrorExitCode, more.Output);
        more.Error.Should().Contain("results.json").And.Contain("test:");
        EvaluationResults.Load(Path.Combine(output, ReproductionPipeline.ResultsFile)).ToJson().Should().Be(results.ToJson());
    }

    [Test]
    public void Reproduce_table_4_puts_a_hugging_face_checkpoint_in_the_DNABert_120K_row()
    {
        // A DNABERT-shaped checkpoint as its authors publish it: config.json and the weights with Hugging Face names.
        var baseline = Path.Combine(_root, "dnabert-120k");
        Directory.CreateDirectory(baseline);
        var config = new BertConfig(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.1, 0.1, MaxPositions: 72);
        using (var model = BertForMaskedLM.Create(config, seed: 11))
        {
            BertCheckpoint.SaveSafetensors(model, Path.Combine(baseline, "model.safetensors"));
        }

        config.SaveHuggingFaceJson(Path.Combine(baseline, "config.json"));
        var output = Path.Combine(_root, "table4-baseline");

        var run = SampleRun.Start("reproduce", "--table", "4", "--tiny", "--steps", "4", "--seeds", "1", "--test-examples", "30", "--strategies", "genemask", "--baseline-model", baseline, "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("DNABert 120K measured from");
        var results = EvaluationResults.Load(Path.Combine(output, ReproductionPipeline.ResultsFile));
        results.Runs.Where(r => r.Model == "DNABert 120K").Select(r => (r.Task, r.Shots, r.TrainCount, r.TestCount)).Should().Equal(("Prom-core", 10, 20, 30), ("Splice-40", 10, 30, 30));
        var rows = File.ReadAllLines(Path.Combine(output, "report", "table4-fewshot-accuracy.md")).Where(l => l.StartsWith("| DNABert 120K ", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(2);
        rows.Should().ContainSingle(l => l.Contains(" measured ", StringComparison.Ordinal));
        rows.Should().ContainSingle(l => l.Contains("*published*", StringComparison.Ordinal) && l.Contains("0.640", StringComparison.Ordinal));

        var missing = SampleRun.Start("reproduce", "--table", "4", "--tiny", "--steps", "4", "--seeds", "1", "--baseline-model", _root, "--output", Path.Combine(_root, "table4-no-config"));
        missing.ExitCode.Should().NotBe(0);
        missing.Output.Should().Contain(Path.Combine(_root, "config.json")).And.Contain("Hugging Face-layout folder");
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

        var pretrain = SampleRun.Start("pretrain", "--corpus", corpus, "--strategy", "global", "--steps", "6", "--eval-interval", "3", "--precision", "Bf16Mixed", "--tiny", "--output", pretrained);
        pretrain.ExitCode.Should().Be(0, pretrain.Output);
        pretrain.Output.Should().Contain("cpu, Bf16Mixed.");
        var lines = File.ReadAllLines(Path.Combine(pretrained, MlmPretrainer.MetricsFileName));
        lines.Should().HaveCount(6);
        lines.Count(l => l.Contains("\"perplexity\"", StringComparison.Ordinal)).Should().Be(2, "evaluations at steps 3 and 6");
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("strategy").GetString().Should().Be("global");

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

        // A GUE dataset named by its GUE folder, as a full download lays it out.
        var folderOutput = Path.Combine(_root, "cmd-gue-folder");
        var byFolder = SampleRun.Start("gue", "--model", model, "--tasks", "prom/prom_core_tata", "--max-train-rows", "20", "--epochs", "1", "--output", folderOutput);
        byFolder.ExitCode.Should().Be(0, byFolder.Output);
        EvaluationResults.Load(Path.Combine(folderOutput, "results.json")).Runs.Should().ContainSingle().Which.Should().Match<EvaluationRun>(r => r.Task == "prom_core_tata" && r.TrainCount == 20 && r.TestCount == 613 && r.TrainingSource == "train");
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
        var act = () => pipeline.Pretrain("genemask", table, train, validation, output,
            new SynchronousProgress<PretrainingProgress>(p =>
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
        var model = pipeline.Pretrain("genemask", table, train, validation, output, new SynchronousProgress<PretrainingProgress>(p => resumedSteps.Add(p.Step)));
        resumedSteps.First().Should().BeInRange(5, 6, "the rerun starts after the last checkpoint");
        resumedSteps.Last().Should().Be(10);
        model.FinalLoss.Should().NotBeNull();
        File.Exists(Path.Combine(output, ReproductionPipeline.DoneMarkerFile)).Should().BeTrue();
    }

    [Test]
    public void Plan_prints_the_papers_settings_as_JSON_without_running_anything()
    {
        var output = Path.Combine(_root, "plan-paper");
        var run = SampleRun.Start("reproduce", "--table", "2", "--preset", "paper", "--plan", "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        Directory.Exists(output).Should().BeFalse("--plan runs nothing");
        var plan = JsonDocument.Parse(run.Output).RootElement;
        plan.GetProperty("table").GetInt32().Should().Be(2);
        plan.GetProperty("flavour").GetString().Should().Be("paper");
        plan.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("strategy").GetString()).Should().Equal("global", "genemask", "cm-step", "cm-gems");
        plan.GetProperty("stages").EnumerateArray().Select(s => s.GetString()).Should().Contain("pretrain cm-step").And.Contain("report");

        // Reference notes §7, LOGO as in GeneMask/CM-GEMS (the LOGO sample app): 2/256/8, intermediate 3072, no dropout.
        plan.GetProperty("model").GetString().Should().Be("LOGO");
        var config = plan.GetProperty("model_config");
        (config.GetProperty("layer_count").GetInt32(), config.GetProperty("hidden_size").GetInt32(), config.GetProperty("head_count").GetInt32(), config.GetProperty("intermediate_size").GetInt32(), config.GetProperty("hidden_dropout").GetDouble())
            .Should().Be((2, 256, 8, 3072, 0.0));

        // §7 pretraining: AdamW lr 8e-4, warm-up 500, weight decay 0.01, ε 1e-6, β 0.9/0.98, clip 1.0, block 512, 10K steps,
        // LOGO 5 per GPU with the scripts' × 25 accumulation.
        var p = plan.GetProperty("pretraining");
        (p.GetProperty("learning_rate").GetDouble(), p.GetProperty("warmup_steps").GetInt64(), p.GetProperty("weight_decay").GetDouble(), p.GetProperty("adam_epsilon").GetDouble(), p.GetProperty("beta1").GetDouble(), p.GetProperty("beta2").GetDouble(), p.GetProperty("max_gradient_norm").GetDouble())
            .Should().Be((8e-4, 500L, 0.01, 1e-6, 0.9, 0.98, 1.0));
        (p.GetProperty("steps").GetInt64(), p.GetProperty("batch_size").GetInt32(), p.GetProperty("gradient_accumulation_steps").GetInt32(), p.GetProperty("effective_batch_size").GetInt64())
            .Should().Be((10_000L, 5, 25, 125L));

        // §2: chunks of up to 510 bases = 505 6-mers + [CLS]/[SEP] within the 512 positions.
        (p.GetProperty("max_chunk_bases").GetInt32(), p.GetProperty("max_sequence_length").GetInt32()).Should().Be((510, 507));

        // §5: CM-GEMS threshold 1.0 on the whole validation split every 500 steps; the paper's last-drop rule; §3/§4/§6 as written.
        p.GetProperty("validation_rows").GetString().Should().Be("all");
        var m = plan.GetProperty("masking");
        (m.GetProperty("cm_gems_threshold").GetDouble(), m.GetProperty("cm_gems_evaluation_interval").GetInt32(), m.GetProperty("cm_gems_rule").GetString(), m.GetProperty("cm_step_blocks").GetInt32())
            .Should().Be((1.0, 500, "LastDrop", 100));
        (m.GetProperty("pmi_definition").GetString(), m.GetProperty("rank_lookup").GetString(), m.GetProperty("gene_mask_keep_all_centres_up_to").GetInt32(), m.GetProperty("gene_mask_unknown_kmer_rank").GetString(), m.GetProperty("random_replacement").GetString())
            .Should().Be(("Paper", "ByToken", 0, "Worst", "KmerIds"));

        // Every strategy's masking as its run fingerprint records it: the paper's probabilities, ranks by token.
        var masking = plan.GetProperty("strategies").EnumerateArray().ToDictionary(s => s.GetProperty("strategy").GetString()!, s => s.GetProperty("masking").GetString()!);
        masking["global"].Should().Be("constant(strategy=global(k=6, p=0.013636363636363636, rank-lookup=ByToken, unknown-kmer-rank=Worst), p=0.013636363636363636)");
        masking["genemask"].Should().Contain("genemask(k=6, p=0.01764705882352941, rank-lookup=ByToken, unknown-kmer-rank=Worst, keep-all-centres-up-to=0)");
        masking["cm-step"].Should().StartWith("cm-step(easy=kmer-span(k=6, p=0.025), hard=global(").And.EndWith("blocks=100, seed=0)");
        masking["cm-gems"].Should().EndWith("threshold=1, rule=LastDrop, evaluation-interval=500)");

        // §7 GUE (DNABERT-2 script): the paper's 27 datasets, lr 3e-5, batch 8 (× 4 = 32 on one device), per-task length, epochs, warm-up.
        var tasks = plan.GetProperty("gue").GetProperty("tasks").EnumerateArray().ToList();
        tasks.Should().HaveCount(27);
        tasks.Select(t => t.GetProperty("folder").GetString()).Should().Contain("tf/1").And.Contain("EMP/H4").And.NotContain("virus/covid");
        tasks.Count(t => t.GetProperty("human").GetBoolean()).Should().Be(12);
        var tata = tasks.Single(t => t.GetProperty("name").GetString() == "prom_core_tata").GetProperty("fine_tuning");
        (tata.GetProperty("learning_rate").GetDouble(), tata.GetProperty("batch_size").GetInt32(), tata.GetProperty("effective_batch_size").GetInt32(), tata.GetProperty("max_length").GetInt32(), tata.GetProperty("epochs").GetInt32(), tata.GetProperty("warmup_steps").GetInt32(), tata.GetProperty("evaluation_steps").GetInt32())
            .Should().Be((3e-5, 8, 32, 80, 10, 50, 200));
        var mouse = tasks.Single(t => t.GetProperty("folder").GetString() == "mouse/2").GetProperty("fine_tuning");
        (mouse.GetProperty("max_length").GetInt32(), mouse.GetProperty("warmup_steps").GetInt32(), mouse.GetProperty("max_steps").GetInt64()).Should().Be((110, 30, 1000L));
        plan.GetProperty("estimated_cost").GetProperty("pretraining_runs").GetInt32().Should().Be(4);
        plan.GetProperty("estimated_cost").GetProperty("gue_runs").GetInt32().Should().Be(4 * 27);
    }

    [Test]
    public void Precision_option_reaches_the_pretraining_plan()
    {
        var run = SampleRun.Start("reproduce", "--table", "4", "--preset", "quick", "--precision", "Bf16Mixed", "--plan");
        run.ExitCode.Should().Be(0, run.Output);
        JsonDocument.Parse(run.Output).RootElement.GetProperty("pretraining").GetProperty("precision").GetString().Should().Be("Bf16Mixed");

        var fp32 = SampleRun.Start("reproduce", "--table", "4", "--preset", "quick", "--plan");
        JsonDocument.Parse(fp32.Output).RootElement.GetProperty("pretraining").GetProperty("precision").GetString().Should().Be("Fp32");
    }

    [Test]
    public void Plan_of_the_upstream_flavour_turns_on_every_upstream_behaviour()
    {
        var run = SampleRun.Start("reproduce", "--table", "4", "--preset", "paper", "--flavour", "upstream", "--plan");

        run.ExitCode.Should().Be(0, run.Output);
        var plan = JsonDocument.Parse(run.Output).RootElement;
        plan.GetProperty("flavour").GetString().Should().Be("upstream");
        plan.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("model_name").GetString()).Should().Contain("LOGO CM-GEMS 10K (upstream)");

        // Reference §3 (published PMI recipe), §5 (minimum |Δ|), §6.1 (rank by position), §6.3 (unknown best in GeneMask,
        // worst in Global), §6.4 (whole vocabulary), GeneMask's keep-all-centres for ≤ 8, the literal 0.0176 and 0.0136,
        // §7 (few-shot lr 1e-4 upstream).
        var m = plan.GetProperty("masking");
        (m.GetProperty("pmi_definition").GetString(), m.GetProperty("rank_lookup").GetString(), m.GetProperty("gene_mask_keep_all_centres_up_to").GetInt32(), m.GetProperty("gene_mask_unknown_kmer_rank").GetString(), m.GetProperty("random_replacement").GetString(), m.GetProperty("cm_gems_rule").GetString())
            .Should().Be(("GeneMaskPublished", "ByPosition", 8, "Best", "WholeVocabulary", "MinimumAbsoluteChange"));
        var cmGems = plan.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("strategy").GetString() == "cm-gems").GetProperty("masking").GetString();
        cmGems.Should().Contain("genemask(k=6, p=0.0176, rank-lookup=ByPosition, unknown-kmer-rank=Best, keep-all-centres-up-to=8)")
            .And.Contain("global(k=6, p=0.0136, rank-lookup=ByPosition, unknown-kmer-rank=Worst)").And.Contain("rule=MinimumAbsoluteChange");
        var small = plan.GetProperty("few_shot").GetProperty("up_to_hundred_per_class");
        (small.GetProperty("learning_rate").GetDouble(), small.GetProperty("epochs").GetInt32(), small.GetProperty("batch_size").GetInt32(), small.GetProperty("warmup_ratio").GetDouble(), small.GetProperty("weight_decay").GetDouble(), small.GetProperty("hidden_dropout").GetDouble())
            .Should().Be((1e-4, 20, 5, 0.1, 0.01, 0.1));
        var large = plan.GetProperty("few_shot").GetProperty("above_hundred_per_class");
        (large.GetProperty("learning_rate").GetDouble(), large.GetProperty("epochs").GetInt32(), large.GetProperty("batch_size").GetInt32()).Should().Be((5e-5, 5, 15));

        // The paper flavour of the same table: lr 4e-4 (Appendix B.2).
        var paper = JsonDocument.Parse(SampleRun.Start("reproduce", "--table", "4", "--preset", "paper", "--plan").Output).RootElement;
        paper.GetProperty("few_shot").GetProperty("up_to_hundred_per_class").GetProperty("learning_rate").GetDouble().Should().Be(4e-4);
        paper.GetProperty("strategies").GetArrayLength().Should().Be(5);

        // Upstream GUE: the authors' script, 8 per GPU × 2 accumulation × 2 GPUs, as 8 × 4 on one device.
        var gue = JsonDocument.Parse(SampleRun.Start("reproduce", "--table", "6", "--preset", "paper", "--flavour", "upstream", "--plan").Output).RootElement;
        gue.GetProperty("gue").GetProperty("tasks")[0].GetProperty("fine_tuning").GetProperty("effective_batch_size").GetInt32().Should().Be(32);
        gue.GetProperty("pretraining").GetProperty("steps").GetInt64().Should().Be(1_000);
    }

    [Test]
    public void A_CM_GEMS_pretraining_reports_the_same_switch_step_uninterrupted_resumed_after_the_switch_and_reused()
    {
        var corpusDir = Path.Combine(_root, "switch-corpus");
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 40, Seed = 5 }).Build([TestData.Genome("phage_lambda_NC_001416.fa")], corpusDir);
        using var train = TokenCorpus.Open(Path.Combine(corpusDir, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpusDir, PretrainingCorpusBuilder.ValidationTokensFile));
        var table = PmiTable.LoadDefault();

        // 12 steps, evaluations at 3, 6, 9, 12. Calibrate with threshold 0, then pick a threshold that switches at 6.
        var options = ReproduceCommand.Override(ReproductionOptions.Quick(), 12, null, ["cm-gems"], null, tiny: true) with { CheckpointInterval = 8, CmGemsThreshold = 0 };
        options.EvaluationInterval.Should().Be(3);
        var calibration = Path.Combine(_root, "switch-calibration");
        new ReproductionPipeline(options).Pretrain("cm-gems", table, train, validation, calibration);
        var perplexities = File.ReadLines(Path.Combine(calibration, MlmPretrainer.MetricsFileName))
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("perplexity", out _)).Select(e => e.GetProperty("perplexity").GetDouble()).ToList();
        perplexities.Should().HaveCount(4);
        var switching = options with { CmGemsThreshold = Math.Max(0, perplexities[0] - perplexities[1]) + 1e-3 };
        var pipeline = new ReproductionPipeline(switching);

        var straight = pipeline.Pretrain("cm-gems", table, train, validation, Path.Combine(_root, "switch-straight"));
        straight.SwitchStep.Should().Be(6);

        // Interrupted at step 9 (after the switch; the checkpoint of step 8 stays), then resumed, then reused.
        var output = Path.Combine(_root, "switch-resumed");
        using var cancellation = new CancellationTokenSource();
        var act = () => pipeline.Pretrain("cm-gems", table, train, validation, output,
            new SynchronousProgress<PretrainingProgress>(p =>
            {
                if (p.Step == 9)
                {
                    cancellation.Cancel();
                }
            }),
            cancellationToken: cancellation.Token);
        act.Should().Throw<OperationCanceledException>();
        var resumed = pipeline.Pretrain("cm-gems", table, train, validation, output);
        var reused = pipeline.Pretrain("cm-gems", table, train, validation, output);

        resumed.SwitchStep.Should().Be(6);
        reused.SwitchStep.Should().Be(6);
        var done = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ReproductionPipeline.DoneMarkerFile))).RootElement.GetProperty("result");
        done.GetProperty("switch_step").GetInt64().Should().Be(6);
        done.GetProperty("flavour").GetString().Should().Be("paper");
        var changes = File.ReadAllLines(Path.Combine(output, MlmPretrainer.MetricsFileName)).Where(l => l.Contains("phase_changed_to", StringComparison.Ordinal)).ToList();
        changes.Should().ContainSingle().Which.Should().Contain("\"step\":7,");
        TrainingCurve.FromMetrics("CM-GEMS", PretrainingMetricsLog.Read(Path.Combine(output, MlmPretrainer.MetricsFileName))).CurriculumSwitchStep.Should().Be(6, "the plots mark the same step");
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
        badTable.ExitCode.Should().Be(SampleContext.UserErrorExitCode);
        badTable.Output.Should().Contain("--table");
    }

    /// <summary>What the plan (which validates first, as the pipeline does) reports as invalid; empty when it accepts the options.</summary>
    private static IReadOnlyList<string> Failures(ReproductionOptions options)
    {
        try
        {
            ReproductionPlan.Create(options);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
    }
}

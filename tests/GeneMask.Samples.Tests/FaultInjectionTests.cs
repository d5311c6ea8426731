using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp;
using GeneMask.Reproduction;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tests;
using GeneMask.Tokenization;

namespace GeneMask.Samples.Tests;

/// <summary>
/// Hostile but realistic use of the sample apps, one row per fault: each row sets up a workspace (copies of a small
/// corpus, a finished tiny pretraining, PMI tables, benchmark data), breaks something, runs a command and checks the
/// exit code, that the message names the file (and line) at fault, that a user error is one line on standard error
/// without a stack trace, and that none of the user's files was lost or altered. What one process cannot do to itself
/// (a kill at a chosen moment, a signal, a lock held by someone else) is done to the app run as a second process.
/// docs/testing.md lists the cases.
/// </summary>
[NonParallelizable] // torch's global generator and thread pool are shared by the runs.
public class FaultInjectionTests
{
    private const string StepsTwo = "2";
    private static string? _baseline;

    private static string Lambda => TestData.Genome("phage_lambda_NC_001416.fa");

    private static string HumanGz => TestData.Genome("hg38_chr2_1-2333275.fa.gz");

    [OneTimeSetUp]
    public void BuildBaseline()
    {
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
        var root = Path.Combine(Path.GetTempPath(), "genemask-fault-baseline", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        Expect(SampleRun.Start("corpus", "--fasta", Lambda, "--output", Path.Combine(root, "corpus"), "--seed", "1"));
        Expect(SampleRun.Start("corpus", "--fasta", Lambda, "--output", Path.Combine(root, "corpus2"), "--seed", "2"));
        Expect(SampleRun.Start("pretrain", "--corpus", Path.Combine(root, "corpus"), "--strategy", "genemask", "--steps", StepsTwo, "--tiny", "--output", Path.Combine(root, "finished")));
        var counts = GenomeCounter.Create(new NgramCountingOptions { K = 5 }).CountFasta([Lambda]);
        PmiTable.Compute(counts, new PmiOptions { K = 5, MinCount = 1 }).Save(Path.Combine(root, "pmi5.csv"));
        PmiTable.LoadDefault().Save(Path.Combine(root, "pmi6.csv"));
        CopyDirectory(TestData.Path("fewshot", "Splice-40"), Path.Combine(root, "data", "fewshot", "Splice-40"));
        CopyDirectory(TestData.Path("gue", "prom", "prom_core_tata"), Path.Combine(root, "data", "gue", "prom", "prom_core_tata"));
        _baseline = root;

        static void Expect(SampleRun run) => run.ExitCode.Should().Be(0, run.Output);
    }

    [OneTimeTearDown]
    public void DeleteBaseline()
    {
        if (_baseline is not null)
        {
            Directory.Delete(_baseline, recursive: true);
        }
    }

    /// <summary>The fault table.</summary>
    public static IEnumerable<TestCaseData> Cases() => Table().Select(c => new TestCaseData(c).SetName("Fault_" + c.Name));

    [TestCaseSource(nameof(Cases))]
    public void Fault(FaultCase fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        using var ws = new Workspace(_baseline!);
        fault.Arrange?.Invoke(ws);
        var before = ws.Snapshot(fault.OtherWriter);
        var clock = Stopwatch.StartNew();

        var run = fault.Act(ws);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a fault case stays small");
        run.ExitCode.Should().Be(fault.ExitCode, run.Output);
        foreach (var expected in fault.Message(ws))
        {
            // Errors go to standard error; results and "Cancelled." to standard output.
            (fault.ExitCode is SampleContext.UserErrorExitCode or SampleContext.UnexpectedErrorExitCode ? run.Error : run.Output).Should().Contain(expected, run.Output);
        }

        if (fault.ExitCode == SampleContext.UserErrorExitCode)
        {
            run.Error.TrimEnd().Should().NotBeEmpty().And.NotContain("\n", "a user error is one line on standard error").And.NotContain("   at ");
        }

        if (fault.ExitCode != 0 || fault.KeepsFiles)
        {
            var after = ws.Snapshot(fault.OtherWriter);
            foreach (var (file, hash) in before)
            {
                if (file.Split(Path.DirectorySeparatorChar).Any(OutputLock.IsTemporaryName) || Path.GetFileName(file) == OutputLock.FileName)
                {
                    continue; // Litter and stale locks are removed on purpose.
                }

                after.Should().ContainKey(file, "the user's file must not be lost");
                after[file].Should().Be(hash, $"{file} must not be altered");
            }

            if (fault.ExitCode != 0)
            {
                after.Keys.Except(before.Keys).Should().BeEmpty("a failed command writes nothing");
            }
        }

        fault.Check?.Invoke(ws, run);
    }

    private static IEnumerable<FaultCase> Table()
    {
        // Issue case 1: a rerun into a finished output with other options.
        yield return new("rerun_with_more_steps_is_refused",
            ws => Pretrain(ws, "--steps", "3"),
            1, ws => ["finished", "--steps: 2 there, 3 now", "--no-resume"]);
        yield return new("rerun_with_another_strategy_is_refused",
            ws => Pretrain(ws, "--strategy", "random-span"),
            1, ws => ["--strategy: genemask there, kmer-span now", "--no-resume"]);
        yield return new("rerun_with_another_eval_interval_is_refused",
            ws => Pretrain(ws, "--eval-interval", "2"),
            1, ws => ["--eval-interval: 1 there, 2 now"]);
        yield return new("rerun_with_the_same_options_reuses_the_finished_run",
            ws => Pretrain(ws),
            0, ws => ["already holds this run"], KeepsFiles: true);
        yield return new("no_resume_starts_over_with_the_new_options",
            ws => Pretrain(ws, "--steps", "3", "--no-resume"),
            0, ws => ["3 steps"],
            Check: (ws, _) => File.ReadAllLines(ws.Path("finished", MlmPretrainer.MetricsFileName)).Should().HaveCount(3));
        yield return new("old_resume_false_form_still_starts_over",
            ws => Pretrain(ws, "--steps", "3", "--resume", "false"),
            0, ws => ["3 steps"]);

        // Issue case 2: resume checks the strategy, the PMI table and the corpus content.
        yield return new("another_corpus_with_the_same_counts_is_refused",
            ws => Pretrain(ws, "--corpus", ws.Path("corpus-b")),
            1, ws => ["--corpus train:", "--no-resume"],
            Arrange: ws =>
            {
                // Same rows and tokens, one k-mer id changed: a different corpus that is complete and consistent.
                CopyDirectory(ws.Path("corpus"), ws.Path("corpus-b"));
                var tokens = ws.Path("corpus-b", PretrainingCorpusBuilder.TrainTokensFile);
                using (var corpus = TokenCorpus.Open(tokens))
                {
                    corpus.RowCount.Should().BeGreaterThan(1);
                }

                var bytes = File.ReadAllBytes(tokens);
                SwapIdByte(bytes);
                File.WriteAllBytes(tokens, bytes);
                RewriteManifest(ws.Path("corpus-b"));
            });
        yield return new("another_pmi_table_is_refused",
            ws => Pretrain(ws, "--pmi", ws.Path("pmi6-reranked.csv")),
            1, ws => ["pmi:", "--no-resume"],
            Arrange: ws => SwapTwoKmers(ws.Path("pmi6.csv"), ws.Path("pmi6-reranked.csv")));

        // Issue case 3: a PMI table of another k.
        yield return new("mask_refuses_a_5mer_pmi_table",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("pmi5.csv"), "--fasta", Lambda, "--rows", "10"),
            1, ws => ["pmi5.csv", "5-mers", "6-mer PMI table"]);
        yield return new("pretrain_refuses_a_5mer_pmi_table",
            ws => Pretrain(ws, "--pmi", ws.Path("pmi5.csv"), "--output", ws.Path("fresh")),
            1, ws => ["pmi5.csv", "5-mers"]);

        // Issue case 4: damaged checkpoints.
        yield return new("flipped_checkpoint_bytes_fail_the_checksum",
            ws => Pretrain(ws),
            1, ws => ["checkpoint.gmck", "checksum mismatch", "--no-resume"],
            Arrange: ws => Mutate(ws.Path("finished", MlmPretrainer.CheckpointFileName), bytes =>
            {
                for (var i = 0; i < 100; i++)
                {
                    bytes[(bytes.Length / 3) + (i * 97)] ^= 0x5A;
                }

                return bytes;
            }));
        yield return new("truncated_checkpoint_names_the_file",
            ws => Pretrain(ws),
            1, ws => ["checkpoint.gmck", "truncated", "--no-resume"],
            Arrange: ws => Mutate(ws.Path("finished", MlmPretrainer.CheckpointFileName), bytes => bytes[..(bytes.Length / 2)]));
        yield return new("empty_checkpoint_names_the_file",
            ws => Pretrain(ws),
            1, ws => ["checkpoint.gmck", "truncated"],
            Arrange: ws => File.WriteAllBytes(ws.Path("finished", MlmPretrainer.CheckpointFileName), []));
        yield return new("checkpoint_of_the_earlier_format_is_refused",
            ws => Pretrain(ws),
            1, ws => ["checkpoint.gmck", "earlier GeneMask version"],
            Arrange: ws => Mutate(ws.Path("finished", MlmPretrainer.CheckpointFileName), bytes =>
            {
                "GMCKPT01"u8.CopyTo(bytes);
                return bytes;
            }));
        yield return new("kill_during_a_checkpoint_write_leaves_a_resumable_run",
            ws => Pretrain(ws, "--output", ws.Path("killed")),
            0, ws => ["Final training loss"],
            Arrange: ws => KillWhileWriting(ws, ws.Path("killed"), ".checkpoint.gmck.*.tmp"),
            Check: (ws, _) => SameRun(ws.Path("killed"), ws.Path("finished")));
        yield return new("interrupted_run_resumes_to_the_end_of_an_uninterrupted_one",
            ws => Pretrain(ws, "--steps", "4", "--output", ws.Path("interrupted")),
            0, ws => ["Final training loss"],
            Arrange: ws =>
            {
                InterruptAfterTwoSteps(ws);
                Pretrain(ws, "--steps", "4", "--output", ws.Path("straight")).ExitCode.Should().Be(0);
            },
            Check: (ws, _) => SameRun(ws.Path("interrupted"), ws.Path("straight")));

        // Issue case 5: the corpus is a set.
        yield return new("mixed_corpus_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("fresh")),
            1, ws => ["train.txt", "mixed"],
            Arrange: ws => File.Copy(ws.Path("corpus2", PretrainingCorpusBuilder.TrainTextFile), ws.Path("corpus", PretrainingCorpusBuilder.TrainTextFile), overwrite: true));
        yield return new("corpus_killed_between_renames_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("fresh")),
            1, ws => ["manifest.json is missing", "not a complete corpus"],
            Arrange: ws =>
            {
                // The commit removes the manifest first: a kill after the first rename leaves this.
                File.Delete(ws.Path("corpus", CorpusManifest.FileName));
                File.Copy(ws.Path("corpus2", PretrainingCorpusBuilder.TrainTextFile), ws.Path("corpus", PretrainingCorpusBuilder.TrainTextFile), overwrite: true);
            });
        yield return new("corpus_missing_a_file_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("fresh")),
            1, ws => ["validation.tokens is missing", "partial"],
            Arrange: ws => File.Delete(ws.Path("corpus", PretrainingCorpusBuilder.ValidationTokensFile)));
        yield return new("truncated_token_file_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("fresh")),
            1, ws => ["train.tokens has", "bytes but"],
            Arrange: ws => Mutate(ws.Path("corpus", PretrainingCorpusBuilder.TrainTokensFile), bytes => bytes[..^4]));
        yield return new("unreadable_manifest_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("fresh")),
            1, ws => ["manifest.json", "not a GeneMask manifest"],
            Arrange: ws => File.WriteAllText(ws.Path("corpus", CorpusManifest.FileName), "{ this is not json"));

        // Issue case 6: locked outputs, held by another process (a pretraining running into "busy").
        yield return new("pretrain_into_a_folder_another_process_trains_in_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("busy")),
            1, ws => ["in use by another running process", "--output"],
            Arrange: ws => TrainInAnotherProcess(ws, ws.Path("busy")),
            Check: (ws, _) => StillHolds(ws, ws.Path("busy")),
            OtherWriter: "busy");
        yield return new("corpus_into_a_folder_another_process_holds_is_refused",
            ws => SampleRun.Start("corpus", "--fasta", Lambda, "--output", ws.Path("busy"), "--seed", "1"),
            1, ws => ["in use by another running process"],
            Arrange: ws => TrainInAnotherProcess(ws, ws.Path("busy")),
            Check: (ws, _) => StillHolds(ws, ws.Path("busy")),
            OtherWriter: "busy");
        yield return new("stale_lock_of_a_killed_process_is_taken_over",
            ws => Pretrain(ws, "--output", ws.Path("busy"), "--no-resume"),
            0, ws => ["Final training loss"],
            Arrange: ws =>
            {
                var holder = TrainInAnotherProcess(ws, ws.Path("busy"));
                holder.Kill();
                holder.WaitForExit(TimeSpan.FromSeconds(30));
                File.Exists(ws.Path("busy", OutputLock.FileName)).Should().BeTrue("SIGKILL leaves the lock file");
            },
            Check: (ws, _) =>
            {
                File.Exists(ws.Path("busy", OutputLock.FileName)).Should().BeFalse();
                Temporaries(ws.Path("busy")).Should().BeEmpty();
            });

        // No litter.
        yield return new("temporary_files_of_a_killed_run_are_removed",
            ws => Pretrain(ws),
            0, ws => ["already holds this run"], KeepsFiles: true,
            Arrange: ws => File.WriteAllBytes(ws.Path("finished", $".checkpoint.gmck.{Guid.NewGuid():N}.tmp"), new byte[3000]),
            Check: (ws, _) => Directory.GetFiles(ws.Path("finished"), ".*.tmp").Should().BeEmpty());
        yield return new("temporary_corpus_folder_of_a_killed_build_is_removed",
            ws => SampleRun.Start("corpus", "--fasta", Lambda, "--output", ws.Path("corpus"), "--seed", "1"),
            0, ws => ["Written to"], KeepsFiles: true,
            Arrange: ws =>
            {
                var litter = ws.Path("corpus", $".corpus-{Guid.NewGuid():N}.tmp");
                Directory.CreateDirectory(litter);
                File.WriteAllText(Path.Combine(litter, "train.txt"), "ACGTAC\n");
            },
            Check: (ws, _) => Directory.GetDirectories(ws.Path("corpus")).Should().BeEmpty());
        yield return new("failed_fewshot_leaves_no_output_folder",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--tasks", "Splice-40", "--data", ws.Path("data"), "--output", ws.Path("ft")),
            1, ws => ["test.tsv", "line 3"],
            Arrange: ws => BreakLine(ws.Path("data", "fewshot", "Splice-40", "test.tsv"), 3, "ACGT"),
            Check: (ws, _) => Directory.Exists(ws.Path("ft")).Should().BeFalse());
        yield return new("failed_corpus_leaves_no_output_folder",
            ws => SampleRun.Start("corpus", "--fasta", ws.Path("cut.fa.gz"), "--output", ws.Path("new-corpus")),
            1, ws => ["cut.fa.gz", "truncated"],
            Arrange: ws => File.WriteAllBytes(ws.Path("cut.fa.gz"), File.ReadAllBytes(HumanGz)[..^1000]),
            Check: (ws, _) => Directory.Exists(ws.Path("new-corpus")).Should().BeFalse());

        // The small cases.
        yield return new("pmi_csv_with_NaN_is_refused",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("bad.csv"), "--fasta", Lambda, "--rows", "5"),
            1, ws => ["bad.csv, line 2", "'NaN' is not a number"],
            Arrange: ws => BreakPmi(ws, "npmi", "NaN"));
        yield return new("pmi_csv_with_npmi_out_of_range_is_refused",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("bad.csv"), "--fasta", Lambda, "--rows", "5"),
            1, ws => ["bad.csv, line 2", "column npmi", "outside the range"],
            Arrange: ws => BreakPmi(ws, "npmi", "1.5"));
        yield return new("pmi_csv_with_infinity_is_refused",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("bad.csv"), "--fasta", Lambda, "--rows", "5"),
            1, ws => ["bad.csv, line 2", "'Infinity' is not a number"],
            Arrange: ws => BreakPmi(ws, "pmi", "Infinity"));
        yield return new("pmi_csv_with_a_wrong_header_names_line_1",
            ws => SampleRun.Start("pretrain", "--corpus", ws.Path("corpus"), "--tiny", "--pmi", ws.Path("bad.csv"), "--output", ws.Path("fresh")),
            1, ws => ["bad.csv, line 1", "missing column"],
            Arrange: ws => File.WriteAllText(ws.Path("bad.csv"), "kmer,score\nAAAAAA,1\n"));
        yield return new("pmi_csv_with_a_duplicate_kmer_names_the_line",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("bad.csv"), "--fasta", Lambda, "--rows", "5"),
            1, ws => ["bad.csv, line 3", "duplicate k-mer"],
            Arrange: ws =>
            {
                var lines = File.ReadAllLines(ws.Path("pmi6.csv"));
                lines[2] = lines[1];
                File.WriteAllLines(ws.Path("bad.csv"), lines);
            });
        yield return new("pmi_csv_missing_rows_names_the_file",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("bad.csv"), "--fasta", Lambda, "--rows", "5"),
            1, ws => ["bad.csv", "4096"],
            Arrange: ws => File.WriteAllLines(ws.Path("bad.csv"), File.ReadAllLines(ws.Path("pmi6.csv"))[..^1]));
        yield return new("fasta_with_a_utf8_bom_is_read",
            ws => SampleRun.Start("stats", "--fasta", ws.Path("bom.fa"), "--k", "4"),
            0, ws => ["48,502"],
            Arrange: ws => File.WriteAllBytes(ws.Path("bom.fa"), [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(Lambda)]));
        yield return new("vocabulary_one_line_short_names_the_line",
            ws => Library(() => KmerTokenizer.FromVocabFile(ws.Path("vocab.txt"))),
            1, ws => ["vocab.txt, line 4101", "end of the file"],
            Arrange: ws =>
            {
                KmerTokenizer.Create(6).SaveVocab(ws.Path("full.txt"));
                File.WriteAllLines(ws.Path("vocab.txt"), File.ReadAllLines(ws.Path("full.txt"))[..^1]);
            });
        yield return new("validation_fraction_0_is_refused_before_any_work",
            ws => SampleRun.Start("corpus", "--fasta", Lambda, "--validation-fraction", "0", "--output", ws.Path("new-corpus")),
            1, ws => ["--validation-fraction must be above 0 and below 1"],
            Check: (ws, _) => Directory.Exists(ws.Path("new-corpus")).Should().BeFalse());
        yield return new("huge_steps_are_refused_before_any_work",
            ws => Pretrain(ws, "--steps", "99999999999", "--output", ws.Path("fresh")),
            1, ws => ["--steps must be between 1 and 1000000000; got 99999999999."]);
        yield return new("zero_steps_are_refused",
            ws => Pretrain(ws, "--steps", "0", "--output", ws.Path("fresh")),
            1, ws => ["--steps must be between 1 and 1000000000; got 0."]);
        yield return new("eval_interval_above_steps_is_refused",
            ws => Pretrain(ws, "--eval-interval", "5", "--output", ws.Path("fresh")),
            1, ws => ["--eval-interval (5) must not exceed --steps (2)."]);
        yield return new("cuda_without_a_gpu_fails_before_any_work",
            ws => Pretrain(ws, "--device", "cuda", "--output", ws.Path("fresh")),
            1, ws => ["CUDA is not available"],
            Check: (ws, _) => Directory.Exists(ws.Path("fresh")).Should().BeFalse());
        yield return new("unknown_device_is_refused",
            ws => Pretrain(ws, "--device", "tpu", "--output", ws.Path("fresh")),
            1, ws => ["--device must be cpu, cuda or cuda:N; got 'tpu'."]);
        yield return new("output_that_is_a_file_is_refused",
            ws => Pretrain(ws, "--output", ws.Path("pmi5.csv")),
            1, ws => ["--output", "pmi5.csv", "is a file"]);
        yield return new("read_only_location_is_one_line",
            ws => SampleRun.Start("corpus", "--fasta", Lambda, "--output", "/sys/genemask-cannot-write-here"),
            1, ws => ["/sys/genemask-cannot-write-here"]);
        yield return new("full_disk_keeps_the_previous_file",
            ws => SampleRun.Start("pmi", "--fasta", Lambda, "--k", "6", "--min-count", "1", "--output", ws.Path("full", "pmi6.csv")),
            1, ws => ["No space left on device", "pmi6.csv"],
            Arrange: ws =>
            {
                // A file system with room for the previous table and 8 KB more, not for a second copy.
                var previous = new FileInfo(ws.Path("pmi6.csv")).Length;
                ws.MountTmpfs(ws.Path("full"), ((previous / 4096) + 3) * 4096);
                File.Copy(ws.Path("pmi6.csv"), ws.Path("full", "pmi6.csv"));
            },
            Check: (ws, _) => Temporaries(ws.Path("full")).Should().BeEmpty());

        // Earlier cases: malformed inputs name the file and the line.
        yield return new("truncated_bgzip_names_the_file",
            ws => SampleRun.Start("stats", "--fasta", ws.Path("cut.fa.gz")),
            1, ws => ["cut.fa.gz", "truncated"],
            Arrange: ws => File.WriteAllBytes(ws.Path("cut.fa.gz"), File.ReadAllBytes(HumanGz)[..^5000]));
        yield return new("fasta_sequence_before_header_names_line_1",
            ws => SampleRun.Start("stats", "--fasta", ws.Path("bad.fa")),
            1, ws => ["bad.fa", "line 1", "sequence before any header"],
            Arrange: ws => File.WriteAllText(ws.Path("bad.fa"), "ACGTACGT\n>x\nACGT\n"));
        yield return new("fasta_with_binary_data_names_the_line",
            ws => SampleRun.Start("stats", "--fasta", ws.Path("bad.fa")),
            1, ws => ["bad.fa", "line 3", "0x01"],
            Arrange: ws => File.WriteAllBytes(ws.Path("bad.fa"), [.. ">x\nACGT\n"u8, 0x01, 0x02, .. "\n"u8]));
        yield return new("fastq_with_a_short_quality_line_names_the_line",
            ws => Library(() =>
            {
                using var reader = FastqReader.Open(ws.Path("bad.fq"));
                foreach (var _ in reader.ReadRecords())
                {
                }
            }),
            1, ws => ["bad.fq", "line 4"],
            Arrange: ws => File.WriteAllText(ws.Path("bad.fq"), "@r1\nACGTACGT\n+\nIIII\n"));
        yield return new("gue_csv_with_a_bad_label_names_the_line",
            ws => SampleRun.Start("gue", "--model", ws.Path("finished", "model"), "--tasks", "prom_core_tata", "--data", ws.Path("data"), "--output", ws.Path("gue-out")),
            1, ws => ["train.csv", "line 2"],
            Arrange: ws => BreakLine(ws.Path("data", "gue", "prom", "prom_core_tata", "train.csv"), 2, "ACGTACGT,maybe"));
        yield return new("token_corpus_with_a_bad_header_names_the_file",
            ws => Library(() => TokenCorpus.Open(ws.Path("bad.tokens")).Dispose()),
            1, ws => ["bad.tokens"],
            Arrange: ws => File.WriteAllBytes(ws.Path("bad.tokens"), Encoding.ASCII.GetBytes("this is not a token corpus file")));
        yield return new("corrupt_safetensors_names_the_file",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--tasks", "Splice-40", "--seeds", "1", "--test-examples", "10", "--data", ws.Path("data"), "--output", ws.Path("ft")),
            1, ws => ["model.safetensors"],
            Arrange: ws => Mutate(ws.Path("finished", "model", "model.safetensors"), bytes => bytes[..64]));
        yield return new("malformed_model_config_names_the_file",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--tasks", "Splice-40", "--seeds", "1", "--test-examples", "10", "--data", ws.Path("data"), "--output", ws.Path("ft")),
            1, ws => ["config.json"],
            Arrange: ws => File.WriteAllText(ws.Path("finished", "model", "config.json"), "{ \"hidden_size\": "));
        yield return new("corpus_of_another_k_is_refused_by_pretrain",
            ws => Pretrain(ws, "--corpus", ws.Path("corpus-k5"), "--output", ws.Path("fresh")),
            1, ws => ["ranks 6-mers", "5-mers"],
            Arrange: ws => SampleRun.Start("corpus", "--fasta", Lambda, "--k", "5", "--output", ws.Path("corpus-k5")).ExitCode.Should().Be(0));

        yield return new("corrupt_results_file_names_the_file",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--tasks", "Splice-40", "--seeds", "1", "--test-examples", "10", "--data", ws.Path("data"), "--output", ws.Path("ft")),
            1, ws => ["results.json"],
            Arrange: ws =>
            {
                Directory.CreateDirectory(ws.Path("ft"));
                File.WriteAllText(ws.Path("ft", "results.json"), "{ \"version\": 1, \"runs\": [ { \"model\": ");
            });
        yield return new("partial_metrics_line_of_a_killed_run_is_dropped",
            ws => Pretrain(ws),
            0, ws => ["already holds this run"],
            Arrange: ws => File.AppendAllText(ws.Path("finished", MlmPretrainer.MetricsFileName), "{\"step\": 3, \"loss\": "),
            Check: (ws, _) => File.ReadAllLines(ws.Path("finished", MlmPretrainer.MetricsFileName)).Should().HaveCount(2).And.OnlyContain(l => l.EndsWith('}')));

        // Issue 21, case 4: values that do not parse.
        yield return new("steps_that_are_not_a_whole_number_are_one_line",
            ws => Pretrain(ws, "--steps", "1.5", "--output", ws.Path("fresh")),
            1, ws => ["--steps: '1.5' is not a whole number."]);
        yield return new("empty_seeds_are_one_line",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--seeds", string.Empty, "--output", ws.Path("ft")),
            1, ws => ["--seeds: '' is not a whole number."]);
        yield return new("k_that_is_not_a_number_is_one_line",
            ws => SampleRun.Start("pmi", "--k", "x", "--output", ws.Path("t.csv")),
            1, ws => ["--k: 'x' is not a whole number."]);

        // Issue 21, case 7: litter a killed run leaves where a later run looks.
        yield return new("kill_during_the_model_export_leaves_no_litter_after_the_rerun",
            ws => Pretrain(ws, "--output", ws.Path("killed")),
            0, ws => ["already holds this run"],
            Arrange: ws => KillWhileWriting(ws, ws.Path("killed", MlmPretrainer.ModelFolderName), ".model.safetensors.*.tmp"),
            Check: (ws, _) => SameRun(ws.Path("killed"), ws.Path("finished")));
        yield return new("comparison_removes_litter_throughout_its_folder",
            ws => SampleRun.Start("compare", "--tiny", "--arms", "none", "--output", ws.Path("cmp")),
            0, ws => ["Learning gate"],
            Arrange: ws =>
            {
                foreach (var litter in new[] { ws.Path("cmp", $".corpus.json.{Hex()}.tmp"), ws.Path("cmp", "arms", "genemask", "replicate-0", $".frozen.json.{Hex()}.tmp"), ws.Path("cmp", "arms", "none", "replicate-0", "pretraining", "model", $".model.safetensors.{Hex()}.tmp") })
                {
                    File.WriteAllText(InNewFolder(litter), "{ half");
                }
            },
            Check: (ws, _) => Temporaries(ws.Path("cmp")).Should().BeEmpty());

        // Issue 21, case 6: compare checks before it writes, and shares its folder only with runs of the same settings.
        yield return new("compare_on_a_missing_gpu_writes_nothing",
            ws => SampleRun.Start("compare", "--tiny", "--arms", "none", "--device", "cuda", "--output", ws.Path("cmp")),
            1, ws => ["CUDA is not available"],
            Check: (ws, _) =>
            {
                Directory.Exists(ws.Path("cmp")).Should().BeFalse("nothing is written before the device is checked");
                var cpu = SampleRun.Start("compare", "--tiny", "--arms", "none", "--output", ws.Path("cmp"));
                cpu.ExitCode.Should().Be(0, "a correct run into that folder is not refused: " + cpu.Output);
            });
        yield return new("compare_into_a_folder_of_other_settings_is_refused_before_writing",
            ws => SampleRun.Start("compare", "--arms", "none", "--output", ws.Path("cmp")),
            1, ws => [ws.Path("cmp", "corpus.json"), "chunk-bases: 60 there, 126 now", "another output folder"],
            Arrange: ws => SampleRun.Start("compare", "--tiny", "--arms", "none", "--output", ws.Path("cmp")).ExitCode.Should().Be(0));
        yield return new("ctrl_c_while_standard_input_is_copied_leaves_no_copy",
            ws => InterruptCopy(ws, kill: false),
            SampleContext.CancelledExitCode, ws => ["Cancelled."],
            Check: (ws, _) => Directory.Exists(ws.Notes["copy"]).Should().BeFalse());
        yield return new("copy_of_standard_input_a_killed_run_left_is_removed_by_the_next_run",
            ws => SampleRun.StartWithInput(() => new MemoryStream(File.ReadAllBytes(Lambda)), "stats", "--fasta", "-", "--k", "4"),
            0, ws => ["48,502"],
            Arrange: ws =>
            {
                InterruptCopy(ws, kill: true);
                Directory.Exists(ws.Notes["copy"]).Should().BeTrue("SIGKILL leaves the copy behind");
            },
            Check: (ws, _) => Directory.Exists(ws.Notes["copy"]).Should().BeFalse());

        // Issue 21, case 1: stored scores are reused only for the same model, data and settings.
        yield return new("fewshot_of_another_model_under_the_same_name_is_refused",
            ws => FewShot(ws, ws.Path("other-model"), "10"),
            1, ws => [ws.Path("ft", "results.json"), "the run model 'tiny', FewShot task 'Splice-40'", "model:", " there, ", " now"],
            Arrange: ws =>
            {
                FewShot(ws, ws.Path("finished", "model"), "10").ExitCode.Should().Be(0);
                CopyDirectory(ws.Path("finished", "model"), ws.Path("other-model"));
                File.Delete(ws.Path("other-model", CorpusManifest.FileName));
                Mutate(ws.Path("other-model", "model.safetensors"), bytes =>
                {
                    bytes[^64] ^= 0x10;
                    return bytes;
                });
            });
        yield return new("fewshot_scored_on_more_test_examples_is_refused",
            ws => FewShot(ws, ws.Path("finished", "model"), "20"),
            1, ws => [ws.Path("ft", "results.json"), "test:"],
            Arrange: ws => FewShot(ws, ws.Path("finished", "model"), "10").ExitCode.Should().Be(0));
        yield return new("fewshot_with_the_same_model_and_settings_reuses_the_runs",
            ws => FewShot(ws, ws.Path("finished", "model"), "10"),
            0, ws => ["1 runs in"],
            Arrange: ws =>
            {
                FewShot(ws, ws.Path("finished", "model"), "10").ExitCode.Should().Be(0);
                ws.Notes["results"] = File.ReadAllText(ws.Path("ft", "results.json"));
            },
            Check: (ws, _) => File.ReadAllText(ws.Path("ft", "results.json")).Should().Be(ws.Notes["results"], "the stored run is reused as it is"));

        // Issue 21, case 3: another genome into a finished reproduction is refused before the PMI table or the corpus is touched.
        yield return new("reproduce_with_another_fasta_is_refused_before_writing",
            ws => Reproduce(ws, HumanGz),
            1, ws => [ws.Path("repro", "pmi.json"), "the PMI table", "fasta:"],
            Arrange: ws => Reproduce(ws, Lambda).ExitCode.Should().Be(0));

        // Issue 21, case 8: damage where nothing was checked; files from elsewhere still load.
        yield return new("changed_weight_byte_is_refused_before_fine_tuning",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--tasks", "Splice-40", "--seeds", "1", "--test-examples", "10", "--data", ws.Path("data"), "--output", ws.Path("ft")),
            1, ws => [ws.Path("finished", "model", "model.safetensors") + " does not match", "manifest.json", "Export it again"],
            Arrange: ws => Mutate(ws.Path("finished", "model", "model.safetensors"), bytes =>
            {
                bytes[^64] ^= 0x10; // one bit of one weight
                return bytes;
            }),
            Check: (ws, _) => Directory.Exists(ws.Path("ft")).Should().BeFalse());
        yield return new("model_folder_without_a_manifest_loads_as_a_downloaded_one",
            ws => SampleRun.Start("fewshot", "--model", ws.Path("finished", "model"), "--tasks", "Splice-40", "--seeds", "1", "--test-examples", "10", "--data", ws.Path("data"), "--output", ws.Path("ft")),
            0, ws => ["runs in"],
            Arrange: ws => File.Delete(ws.Path("finished", "model", CorpusManifest.FileName)));
        yield return new("changed_token_byte_is_refused_by_pmi_corpus",
            ws => SampleRun.Start("pmi", "--corpus", ws.Path("corpus", PretrainingCorpusBuilder.TrainTokensFile), "--min-count", "1", "--output", ws.Path("t.csv")),
            1, ws => ["train.tokens does not match", "manifest.json", "Build the corpus again"],
            Arrange: ws => Mutate(ws.Path("corpus", PretrainingCorpusBuilder.TrainTokensFile), bytes =>
            {
                SwapIdByte(bytes);
                return bytes;
            }));
        yield return new("changed_counts_byte_is_refused_by_pmi_counts",
            ws => SampleRun.Start("pmi", "--counts", ws.Path("counts.bin"), "--output", ws.Path("t.csv")),
            1, ws => ["counts.bin: checksum mismatch", "Count them again"],
            Arrange: ws =>
            {
                GenomeCounter.Create(new NgramCountingOptions { K = 6 }).CountFasta([Lambda]).Save(ws.Path("counts.bin"));
                Mutate(ws.Path("counts.bin"), bytes =>
                {
                    bytes[bytes.Length / 2] ^= 0x01; // one count one higher or lower
                    return bytes;
                });
            });
        yield return new("pmi_table_whose_ranks_contradict_its_npmi_is_refused",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("bad.csv"), "--fasta", Lambda, "--rows", "5"),
            1, ws => ["bad.csv, line 2: rank 2", "comes after rank 1", "descending npmi"],
            Arrange: ws => SwapTwoRanks(ws.Path("pmi6.csv"), ws.Path("bad.csv")));
        yield return new("published_pmi_table_without_ranks_still_loads",
            ws => SampleRun.Start("mask", "--pmi", ws.Path("published.csv"), "--fasta", Lambda, "--rows", "20"),
            0, ws => ["tokens/s"],
            Arrange: ws => WritePublishedLayout(ws.Path("pmi6.csv"), ws.Path("published.csv")));

        // Issue 21, case 9.
        yield return new("validation_fraction_that_leaves_no_validation_row_is_refused",
            ws => SampleRun.Start("corpus", "--fasta", Lambda, "--validation-fraction", "1e-9", "--output", ws.Path("new-corpus")),
            1, ws => ["--validation-fraction 1E-09 split", "and 0 for validation", "nothing was written"],
            Check: (ws, _) => Directory.Exists(ws.Path("new-corpus")).Should().BeFalse());
        yield return new("binary_gue_file_is_quoted_not_printed",
            ws => SampleRun.Start("gue", "--model", ws.Path("finished", "model"), "--tasks", "prom_core_tata", "--data", ws.Path("data"), "--output", ws.Path("gue-out")),
            1, ws => ["train.csv, line 1", "0x1B", "U+FFFD"],
            Arrange: ws => File.WriteAllBytes(ws.Path("data", "gue", "prom", "prom_core_tata", "train.csv"), [0x1B, .. "[2J"u8, 0x00, 0x07, 0xFF, 0xFE, .. Enumerable.Repeat((byte)0x9B, 500), .. "\n"u8]),
            Check: (ws, run) => run.Error.TrimEnd().Should().Match(e => e.All(c => !char.IsControl(c)) && e.Length < 600, "no raw bytes reach the terminal"));
        yield return new("folder_named_like_a_split_is_reported_as_a_folder",
            ws => SampleRun.Start("gue", "--model", ws.Path("finished", "model"), "--tasks", "prom_core_tata", "--data", ws.Path("data"), "--output", ws.Path("gue-out")),
            1, ws => ["test.csv: is a folder"],
            Arrange: ws =>
            {
                File.Delete(ws.Path("data", "gue", "prom", "prom_core_tata", "test.csv"));
                Directory.CreateDirectory(ws.Path("data", "gue", "prom", "prom_core_tata", "test.csv"));
            });

        // CLI conventions.
        yield return new("fasta_dash_reads_standard_input",
            ws => SampleRun.StartWithInput(() => new MemoryStream(File.ReadAllBytes(Lambda)), "stats", "--fasta", "-", "--k", "4"),
            0, ws => ["48,502", "standard input"]);
        yield return new("fasta_from_a_pipe_is_read",
            ws => FromFifo(ws),
            0, ws => ["48,502"]);
        yield return new("old_strategy_names_are_aliases",
            ws => SampleRun.Start("mask", "--strategy", "kmer-span", "--fasta", Lambda, "--rows", "20"),
            0, ws => ["tokens/s (steady state)", "warm-up"]);
        yield return new("a_bug_keeps_its_stack_trace_and_asks_for_a_report",
            ws => Bug(),
            SampleContext.UnexpectedErrorExitCode, ws => ["please report", "   at "]);
    }

    private static SampleRun Pretrain(Workspace ws, params string[] overrides)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["--corpus"] = ws.Path("corpus"),
            ["--strategy"] = "genemask",
            ["--steps"] = StepsTwo,
            ["--output"] = ws.Path("finished"),
        };
        var flags = new List<string> { "--tiny" };
        for (var i = 0; i < overrides.Length; i++)
        {
            if (overrides[i] == "--no-resume")
            {
                flags.Add(overrides[i]);
            }
            else
            {
                options[overrides[i]] = overrides[++i];
            }
        }

        return SampleRun.Start(["pretrain", .. options.SelectMany(o => new[] { o.Key, o.Value! }), .. flags]);
    }

    private static SampleRun FewShot(Workspace ws, string model, string testExamples) =>
        SampleRun.Start("fewshot", "--model", model, "--name", "tiny", "--tasks", "Splice-40", "--seeds", "1", "--test-examples", testExamples, "--data", ws.Path("data"), "--output", ws.Path("ft"));

    private static SampleRun Reproduce(Workspace ws, string fasta) =>
        SampleRun.Start("reproduce", "--table", "2", "--tiny", "--steps", StepsTwo, "--strategies", "genemask", "--fasta", fasta, "--data", ws.Path("data"), "--output", ws.Path("repro"));

    private static SampleRun Library(Action action)
    {
        try
        {
            action();
            return new SampleRun(0, string.Empty, string.Empty);
        }
        catch (Exception e) when (SampleContext.IsUserError(e))
        {
            var message = "error: " + SampleContext.UserMessage(e) + "\n";
            return new SampleRun(SampleContext.UserErrorExitCode, message, message);
        }
    }

    private static SampleRun Bug()
    {
        var error = new StringWriter();
        var context = new SampleContext(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) }), SampleApp.Logo) { Error = error };
        var exitCode = context.Run(() => throw new InvalidCastException("simulated bug"));
        return new SampleRun(exitCode, error.ToString(), error.ToString());
    }

    private static SampleRun FromFifo(Workspace ws)
    {
        var fifo = ws.Path("genome.fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            mkfifo.ExitCode.Should().Be(0);
        }

        var writer = Task.Run(() =>
        {
            using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            pipe.Write(File.ReadAllBytes(Lambda));
        });
        var run = SampleRun.Start("stats", "--fasta", fifo, "--k", "4");
        writer.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        File.Delete(fifo);
        return run;
    }

    private static void InterruptAfterTwoSteps(Workspace ws)
    {
        // What Ctrl+C does: the token is cancelled, the run stops at a step boundary after its checkpoint.
        var options = ReproduceCommand.Override(ReproductionOptions.Quick(ReproducedTable.Four, "cpu", ReproductionModel.Logo), 4, null, null, null, tiny: true)
            with { EvaluationInterval = (int)Math.Max(1, 4 / 6), Strategies = ["genemask"], CheckpointInterval = 1 };
        using var cancel = new CancellationTokenSource();
        using var train = TokenCorpus.Open(ws.Path("corpus", PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(ws.Path("corpus", PretrainingCorpusBuilder.ValidationTokensFile));
        var pipeline = new ReproductionPipeline(options);
        var act = () => pipeline.Pretrain("genemask", PmiTable.LoadDefault(), train, validation, ws.Path("interrupted"), new SynchronousProgress<PretrainingProgress>(p =>
        {
            if (p.Step == 2)
            {
                cancel.Cancel();
            }
        }), resume: true, cancel.Token);
        act.Should().Throw<OperationCanceledException>();
        File.ReadAllLines(ws.Path("interrupted", MlmPretrainer.MetricsFileName)).Should().HaveCount(2);
    }

    /// <summary>
    /// Runs the pretraining of <c>finished</c> into <c>killed</c> in another process and kills it (SIGKILL) the moment a
    /// file matching <paramref name="pattern"/> appears in <paramref name="watched"/> (<c>killed</c> or a folder in it),
    /// that is, while it is being written. Tries again if the kill came after the file was renamed.
    /// </summary>
    private static void KillWhileWriting(Workspace ws, string watched, string pattern)
    {
        var folder = ws.Path("killed");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(watched);
            using var watcher = new FileSystemWatcher(watched, pattern);
            var child = ws.StartProcess("pretrain", "--corpus", ws.Path("corpus"), "--strategy", "genemask", "--steps", StepsTwo, "--tiny", "--output", folder);
            watcher.Created += (_, _) =>
            {
                try
                {
                    child.Kill();
                }
                catch (InvalidOperationException)
                {
                    // Already ended.
                }
            };
            watcher.EnableRaisingEvents = true;
            var run = child.WaitForExit(TimeSpan.FromSeconds(120));
            if (Directory.GetFiles(watched, pattern).Length > 0)
            {
                run.ExitCode.Should().NotBe(0, "the process was killed");
                return;
            }
        }

        Assert.Fail($"No kill landed while {pattern} was being written in five runs.");
    }

    /// <summary>The same run: byte-identical weights and the same metrics line by line (throughput aside), no litter.</summary>
    private static void SameRun(string folder, string reference)
    {
        Temporaries(folder).Should().BeEmpty("the killed run's temporary files are removed");
        File.ReadAllBytes(Path.Combine(folder, MlmPretrainer.ModelFolderName, "model.safetensors"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(reference, MlmPretrainer.ModelFolderName, "model.safetensors")), "the weights equal those of the uninterrupted run");
        static string[] Metrics(string folder) => [.. File.ReadAllLines(Path.Combine(folder, MlmPretrainer.MetricsFileName))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, "\"tokens_per_second\":[^,}]*", string.Empty))];
        Metrics(folder).Should().Equal(Metrics(reference));
    }

    /// <summary>Starts a long pretraining into <paramref name="folder"/> in another process and waits until it holds the folder.</summary>
    private static SampleProcess TrainInAnotherProcess(Workspace ws, string folder)
    {
        var holder = ws.StartProcess("pretrain", "--corpus", ws.Path("corpus"), "--strategy", "genemask", "--steps", "1000000", "--tiny", "--output", folder);
        var clock = Stopwatch.StartNew();
        while (!OutputLock.IsInUse(Path.Combine(folder, OutputLock.FileName)))
        {
            holder.HasExited.Should().BeFalse("the holder runs until it is killed");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(120), "the holder claims its folder at start");
            Thread.Sleep(20);
        }

        return holder;
    }

    private static void StillHolds(Workspace ws, string folder)
    {
        ws.Processes[^1].HasExited.Should().BeFalse("the refused run leaves the other process alone");
        OutputLock.IsInUse(Path.Combine(folder, OutputLock.FileName)).Should().BeTrue("the lock stays with the other process");
    }

    /// <summary>
    /// Runs <c>stats --fasta -</c> in another process, sends part of a genome through its standard input (kept open), and
    /// interrupts it while it copies: Ctrl+C (SIGINT) or, with <paramref name="kill"/>, SIGKILL. The copy's folder is
    /// noted as <c>copy</c>.
    /// </summary>
    private static SampleRun InterruptCopy(Workspace ws, bool kill)
    {
        var child = ws.StartProcess("stats", "--fasta", "-", "--k", "4");
        var genome = File.ReadAllBytes(Lambda);
        child.StandardInput.Write(genome, 0, 20_000);
        child.StandardInput.Flush();
        var clock = Stopwatch.StartNew();
        string? copy;
        while ((copy = CopyBeingWritten(child.Id)) is null)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the copy starts");
            Thread.Sleep(20);
        }

        ws.Notes["copy"] = Path.GetDirectoryName(copy)!;

        if (kill)
        {
            child.Kill();
        }
        else
        {
            child.Signal("INT");
        }

        return child.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>The copy of standard input a running process has open (found through its file descriptors), or null.</summary>
    private static string? CopyBeingWritten(int processId)
    {
        try
        {
            return new DirectoryInfo($"/proc/{processId}/fd").EnumerateFileSystemInfos()
                .Select(fd => fd.LinkTarget)
                .FirstOrDefault(target => target is not null && target.Contains(SampleInputs.TemporaryFolderPrefix, StringComparison.Ordinal) && target.EndsWith("stdin", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Temporary files and folders of this library anywhere under <paramref name="folder"/>.</summary>
    private static List<string> Temporaries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Where(e => OutputLock.IsTemporaryName(Path.GetFileName(e)))];

    /// <summary>The table in the layout of the published upstream table: no ranks, "NA" where there is no value.</summary>
    private static void WritePublishedLayout(string source, string target)
    {
        var lines = File.ReadAllLines(source);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        static string Value(string field) => field.Length == 0 ? "NA" : field;
        File.WriteAllLines(target, [
            "ngram,naive.pmi,true.pmi,dp.true.pmi,norm_dp_true_pmi",
            .. lines[1..].Select(line => line.Split(',')).Select(f => string.Join(',', f[Column("ngram")], Value(f[Column("naive_pmi")]), Value(f[Column("pmi")]), Value(f[Column("pmi")]), Value(f[Column("npmi")]))),
        ]);
    }

    private static string InNewFolder(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static string Hex() => Guid.NewGuid().ToString("N");

    private static void BreakPmi(Workspace ws, string column, string value)
    {
        var lines = File.ReadAllLines(ws.Path("pmi6.csv"));
        var header = lines[0].Split(',');
        var index = Array.IndexOf(header, column);
        var fields = lines[1].Split(',');
        fields[index] = value;
        lines[1] = string.Join(',', fields);
        File.WriteAllLines(ws.Path("bad.csv"), lines);
    }

    private static void SwapTwoRanks(string source, string target) => SwapColumn(source, target, "rank");

    /// <summary>The k-mers of ranks 1 and 2 trade places with their values: another table, consistent in itself.</summary>
    private static void SwapTwoKmers(string source, string target) => SwapColumn(source, target, "ngram");

    private static void SwapColumn(string source, string target, string column)
    {
        var lines = File.ReadAllLines(source);
        var index = Array.IndexOf(lines[0].Split(','), column);
        var a = lines[1].Split(',');
        var b = lines[2].Split(',');
        (a[index], b[index]) = (b[index], a[index]);
        lines[1] = string.Join(',', a);
        lines[2] = string.Join(',', b);
        File.WriteAllLines(target, lines);
    }

    private static void BreakLine(string path, int line, string content)
    {
        var lines = File.ReadAllLines(path);
        lines[line - 1] = content;
        File.WriteAllLines(path, lines);
    }

    private static void SwapIdByte(byte[] bytes)
    {
        // Token files store 16-bit ids after a 64-byte header (TokenCorpusFormat); changing the low bit of one id keeps
        // it a k-mer id (5..4100), every count and the file valid.
        for (var i = TokenCorpusFormat.HeaderSize + 20; i < bytes.Length - 4; i += 2)
        {
            var id = BitConverter.ToUInt16(bytes, i);
            if (id is >= 16 and < 4000)
            {
                bytes[i] ^= 0x01;
                return;
            }
        }

        throw new InvalidOperationException("No id to change.");
    }

    private static void RewriteManifest(string corpus)
    {
        var manifest = CorpusManifest.Create(corpus, [PretrainingCorpusBuilder.TrainTextFile, PretrainingCorpusBuilder.ValidationTextFile, PretrainingCorpusBuilder.TrainTokensFile, PretrainingCorpusBuilder.ValidationTokensFile, PretrainingCorpusBuilder.ReportFile]);
        manifest.Save(Path.Combine(corpus, CorpusManifest.FileName));
    }

    private static void Mutate(string path, Func<byte[], byte[]> change) => File.WriteAllBytes(path, change(File.ReadAllBytes(path)));

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(source))
        {
            CopyDirectory(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    /// <summary>One row of the table.</summary>
    /// <param name="Name">What is broken and what must happen.</param>
    /// <param name="Act">Runs the command.</param>
    /// <param name="ExitCode">The expected exit code.</param>
    /// <param name="Message">What standard error (or, on success, the output) must contain: file, line, flag.</param>
    /// <param name="Arrange">Breaks something in the workspace.</param>
    /// <param name="Check">Further checks of the result.</param>
    /// <param name="KeepsFiles">For a successful run: the user's files must still be unchanged.</param>
    /// <param name="OtherWriter">A folder (relative to the workspace) that another running process writes during the case.</param>
    public sealed record FaultCase(
        string Name,
        Func<Workspace, SampleRun> Act,
        int ExitCode,
        Func<Workspace, string[]> Message,
        Action<Workspace>? Arrange = null,
        Action<Workspace, SampleRun>? Check = null,
        bool KeepsFiles = false,
        string? OtherWriter = null)
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary>A private copy of the baseline for one case; the processes it started are killed and its mounts unmounted when done.</summary>
    public sealed class Workspace : IDisposable
    {
        private readonly List<SampleProcess> _processes = [];
        private readonly List<string> _mounts = [];

        public Workspace(string baseline)
        {
            Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "genemask-faults", Guid.NewGuid().ToString("N"));
            CopyDirectory(baseline, Root);
        }

        public string Root { get; }

        /// <summary>What an arrangement found out for the checks (e.g. a path it only then knew).</summary>
        public Dictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

        /// <summary>The processes started for the case, oldest first.</summary>
        public IReadOnlyList<SampleProcess> Processes => _processes;

        /// <summary>Starts the app as a separate process, killed when the case ends.</summary>
        public SampleProcess StartProcess(params string[] args)
        {
            var process = SampleProcess.Start(args);
            _processes.Add(process);
            return process;
        }

        /// <summary>Mounts a tmpfs of <paramref name="bytes"/> at <paramref name="folder"/> (needs root), unmounted when the case ends.</summary>
        public void MountTmpfs(string folder, long bytes)
        {
            Directory.CreateDirectory(folder);
            var (exitCode, output) = Shell("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder);
            if (exitCode != 0)
            {
                Assert.Ignore($"Needs a real full file system: mounting a tmpfs failed ({output.Trim()}); the case runs where the tests run as root.");
            }

            _mounts.Add(folder);
        }

        public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

        /// <summary>Every file under the workspace and the hash of its content.</summary>
        /// <param name="otherWriter">A folder another process writes, left out.</param>
        public Dictionary<string, string> Snapshot(string? otherWriter = null) => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Root, f))
            .Where(f => otherWriter is null || !f.StartsWith(otherWriter + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(f => f, f => Convert.ToHexString(XxHash128.Hash(File.ReadAllBytes(Path(f)))), StringComparer.Ordinal);

        public void Dispose()
        {
            foreach (var process in _processes)
            {
                process.Dispose();
            }

            foreach (var mount in _mounts)
            {
                Shell("umount", "-l", mount);
            }

            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static (int ExitCode, string Output) Shell(string command, params string[] args)
        {
            var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            try
            {
                using var process = Process.Start(info)!;
                var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, output);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, e.Message);
            }
        }
    }
}

using GeneMask.Tokenization;

namespace GeneMask.Samples.Tests;

public class SampleCommandTests
{
    [Test]
    public void Stats_without_options_prints_the_statistics_of_the_shipped_genome()
    {
        File.Exists(SampleData.HumanGenome).Should().BeTrue("the genome fragment is copied beside the app");

        // (Without any arguments the app runs the quick reproduction; ReproductionTests checks its configuration.)
        var run = SampleRun.Start("stats");

        // Shell counts of hg38_chr2_1-2333275.fa.gz: 2,333,275 bases, 831,507 lower case, 10,000 N.
        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("2,333,275").And.Contain("831,507").And.Contain("35.64 %").And.Contain("10,000")
            .And.Contain("2,333,270", "L - k + 1 6-mers").And.Contain("M bases/s").And.Contain("AAAAAA");
    }

    [Test]
    public void Stats_reads_the_given_file_with_the_given_k()
    {
        var run = SampleRun.Start("stats", "--fasta", TestData.Genome("phage_lambda_NC_001416.fa"), "--k", "4", "--top", "3");

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("48,502").And.Contain("48,499").And.Contain("4-mers").And.Contain("most frequent 4-mers");
    }

    [Test]
    public void Corpus_writes_the_promised_files_with_the_reported_counts()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "corpus");

        var run = SampleRun.Start("corpus", "--fasta", TestData.Genome("human_chrM.fa"), TestData.Genome("phage_lambda_NC_001416.fa"), "--output", output, "--seed", "3");

        run.ExitCode.Should().Be(0, run.Output);
        var report = PretrainingCorpusReport.FromJson(File.ReadAllText(Path.Combine(output, "report.json")));
        report.Records.Should().Be(2);
        report.BasesRead.Should().Be(16_569 + 48_502);
        report.Seed.Should().Be(3);
        File.ReadAllLines(Path.Combine(output, "train.txt")).Should().HaveCount((int)report.TrainRows);
        File.ReadAllLines(Path.Combine(output, "validation.txt")).Should().HaveCount((int)report.ValidationRows);
        using (var tokens = TokenCorpus.Open(Path.Combine(output, "train.tokens")))
        {
            tokens.RowCount.Should().Be(report.TrainRows);
            tokens.TokenCount.Should().Be(report.TrainTokens);
        }

        run.Output.Should().Contain("train rows").And.Contain(report.TrainRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void Corpus_without_fasta_uses_the_shipped_genome()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "corpus");

        var run = SampleRun.Start("corpus", "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        var report = PretrainingCorpusReport.FromJson(File.ReadAllText(Path.Combine(output, "report.json")));
        report.BasesRead.Should().Be(2_333_275);
        report.NBasesDropped.Should().Be(10_000);
        report.Seed.Should().Be(42);
    }

    [Test]
    public void A_missing_file_is_a_message_and_a_non_zero_exit_code()
    {
        var run = SampleRun.Start("stats", "--fasta", "/no/such/genome.fa");

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("/no/such/genome.fa").And.NotContain("   at ");
    }

    [Test]
    public void A_truncated_genome_is_a_message_without_stack_trace_and_leaves_no_corpus()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(TestData.Genome("hg38_chr2_1-2333275.fa.gz"));
        var truncated = Path.Combine(folder.Path, "cut.fa.gz");
        File.WriteAllBytes(truncated, bytes[..^1000]);
        var output = Path.Combine(folder.Path, "corpus");

        var run = SampleRun.Start("corpus", "--fasta", truncated, "--output", output);

        run.ExitCode.Should().Be(SampleContext.UserErrorExitCode);
        run.Output.Should().Contain("error:").And.Contain("cut.fa.gz").And.Contain("truncated").And.NotContain("   at ");
        Directory.Exists(output).Should().BeFalse("the failed command removes the output folder it created");
    }

    [Test]
    public void Invalid_option_values_are_refused()
    {
        // Out of range, not a number, missing: one line each, exit code 1 (OptionParsingTests tries every option).
        var root = SampleCommands.Build(SampleApp.Logo).Name;
        Refused("stats", "--k", "9").Should().Be($"error: --k must be between 1 and 8; got 9. ('{root} stats --help' lists the options.)");
        Refused("stats", "--k", "six").Should().Be($"error: --k: 'six' is not a whole number. ('{root} stats --help' lists the options.)");
        Refused("corpus", "--fasta", TestData.Genome("human_chrM.fa")).Should().Be($"error: Option '--output' is required. ('{root} corpus --help' lists the options.)");

        static string Refused(params string[] args)
        {
            var run = SampleRun.Start(args);
            run.ExitCode.Should().Be(SampleContext.UserErrorExitCode, run.Output);
            run.Output.Should().Be(run.Error, "nothing but the error is printed");
            return run.Error.TrimEnd();
        }
    }

    [Test]
    public void Help_lists_the_commands()
    {
        var run = SampleRun.Start("--help");

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("stats").And.Contain("corpus").And.Contain("pretrain").And.Contain("fewshot").And.Contain("gue")
            .And.Contain("reproduce").And.Contain("figure").And.Contain("compare").And.Contain("paired comparison of masking strategies");
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "genemask-samples-" + Guid.NewGuid().ToString("N"));

        public TempFolder() => Directory.CreateDirectory(Path);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

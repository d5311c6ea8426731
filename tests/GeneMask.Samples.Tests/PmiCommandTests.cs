using GeneMask.Pmi;

namespace GeneMask.Samples.Tests;

public class PmiCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "genemask-pmi-sample-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_documented_command_regenerates_the_embedded_default_table_byte_for_byte()
    {
        var output = Path.Combine(_folder, "table.csv");

        var run = SampleRun.Start("pmi", "--fasta", TestData.Genome("hg38_chr2_1-2333275.fa.gz"), "--k", "6", "--min-count", "101", "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        // 2,333,275 bases of which 10,000 N; one record, so 2,323,275 − 5 six-mer windows.
        run.Output.Should().Contain("2,323,275").And.Contain("2,323,270").And.Contain("MB/s").And.Contain("TGTGTG");
        var kept = PmiTable.LoadDefault().Npmi.ToArray().Count(v => !double.IsNaN(v));
        run.Output.Should().Contain($"{kept:N0} of 4,096");
        var embedded = Path.Combine(TestData.RepositoryRoot, "src", "GeneMask.Pmi", "Resources", "pmi-k6-hg38-chr2-fragment.csv");
        File.ReadAllBytes(output).Should().Equal(File.ReadAllBytes(embedded));
    }

    [Test]
    public void Count_merge_and_rank_from_counts_equal_counting_everything_at_once()
    {
        var lambda = TestData.Genome("phage_lambda_NC_001416.fa");
        var chrM = TestData.Genome("human_chrM.fa");
        var shardA = Path.Combine(_folder, "a.bin");
        var shardB = Path.Combine(_folder, "b.csv");
        var merged = Path.Combine(_folder, "merged.bin");
        var table = Path.Combine(_folder, "table.csv");

        SampleRun.Start("pmi", "count", "--fasta", lambda, "--k", "6", "--output", shardA).ExitCode.Should().Be(0);
        SampleRun.Start("pmi", "count", "--fasta", chrM, "--k", "6", "--output", shardB).ExitCode.Should().Be(0);
        var merge = SampleRun.Start("pmi", "merge", shardA, shardB, "--output", merged);
        merge.ExitCode.Should().Be(0, merge.Output);
        merge.Output.Should().Contain((48_502 + 16_569).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

        var rank = SampleRun.Start("pmi", "--counts", merged, "--k", "6", "--min-count", "5", "--definition", "genemask-published", "--output", table);
        rank.ExitCode.Should().Be(0, rank.Output);
        rank.Output.Should().Contain("genemask-published");

        var whole = GenomeCounter.Create(new NgramCountingOptions { K = 6 }).CountFasta([lambda, chrM]);
        NgramCounts.Load(merged).ContentEquals(whole).Should().BeTrue();
        var expected = PmiTable.Compute(whole, new PmiOptions { K = 6, MinCount = 5, Definition = PmiDefinition.GeneMaskPublished });
        PmiTable.Load(table).RanksByTokenId.ToArray().Should().Equal(expected.RanksByTokenId.ToArray());
    }

    [Test]
    public void Fasta_with_saved_counts_and_both_strands()
    {
        var counts = Path.Combine(_folder, "counts.csv");
        var table = Path.Combine(_folder, "table.csv");
        var run = SampleRun.Start("pmi", "--fasta", TestData.Genome("phage_lambda_NC_001416.fa"), "--k", "4", "--min-count", "10", "--both-strands", "--threads", "1", "--save-counts", counts, "--output", table);

        run.ExitCode.Should().Be(0, run.Output);
        var saved = NgramCounts.Load(counts);
        saved.Bases.Should().Be(2 * 48_502);
        PmiTable.Load(table).K.Should().Be(4);
    }

    [Test]
    public void Bad_options_and_inputs_are_one_line_errors()
    {
        var table = Path.Combine(_folder, "table.csv");
        var badK = SampleRun.Start("pmi", "--fasta", TestData.Genome("human_chrM.fa"), "--k", "13", "--output", table);
        badK.ExitCode.Should().Be(1);
        badK.Output.Should().Contain("K = 13").And.NotContain("   at ");

        var badC = SampleRun.Start("pmi", "--fasta", TestData.Genome("human_chrM.fa"), "--min-count", "0", "--output", table);
        badC.ExitCode.Should().Be(1);
        badC.Output.Should().Contain("--min-count must be between 1 and 2147483647; got 0.").And.NotContain("Counting", "ranges are checked before any work");

        var badDefinition = SampleRun.Start("pmi", "--fasta", TestData.Genome("human_chrM.fa"), "--definition", "levine", "--output", table);
        badDefinition.ExitCode.Should().Be(SampleContext.UserErrorExitCode);
        badDefinition.Output.Should().Contain("levine");

        var noBases = Path.Combine(_folder, "gaps.fa");
        File.WriteAllText(noBases, ">gaps\nNNNNNNNN\n");
        var noBasesRun = SampleRun.Start("pmi", "--fasta", noBases, "--output", table);
        noBasesRun.ExitCode.Should().Be(1);
        noBasesRun.Output.Should().Contain("gaps.fa").And.Contain("no A/C/G/T");

        var badCounts = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(badCounts, "ngram,count\nAC,1\nAC,2\n");
        var badCountsRun = SampleRun.Start("pmi", "--counts", badCounts, "--k", "2", "--output", table);
        badCountsRun.ExitCode.Should().Be(1);
        badCountsRun.Output.Should().Contain("line 3").And.Contain("duplicate");
        File.Exists(table).Should().BeFalse("nothing is written when the input is bad");
    }
}

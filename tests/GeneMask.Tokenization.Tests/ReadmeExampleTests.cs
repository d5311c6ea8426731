namespace GeneMask.Tokenization.Tests;

/// <summary>The example of the package README (src/GeneMask.Tokenization/README.md), on real data.</summary>
public class ReadmeExampleTests
{
    [Test]
    public void The_readme_example_runs()
    {
        using var folder = new TempFolder();
        var genome = TestData.Genome("phage_lambda_NC_001416.fa");

        var tokenizer = KmerTokenizer.Create(k: 6);
        int[] input = tokenizer.Encode("ACGTTGCAAGGC");
        int[] kmers = tokenizer.EncodeKmers("ACGTTGCAAGGC");
        var report = new PretrainingCorpusBuilder().Build([genome], folder.File("corpus"));

        input.Should().HaveCount(9);
        input[1..^1].Should().Equal(kmers);
        tokenizer.DecodeToBases(kmers).Should().Be("ACGTTGCAAGGC");
        report.BasesRead.Should().Be(48_502);
        report.TrainRows.Should().BePositive();
    }
}

namespace GeneMask.Pmi.Tests;

/// <summary>The example of the package README (src/GeneMask.Pmi/README.md), on real data.</summary>
public class ReadmeExampleTests
{
    [Test]
    public void The_readme_example_runs()
    {
        using var folder = new TempFolder();

        var counts = GenomeCounter.Create().CountFasta([TestData.Genome("phage_lambda_NC_001416.fa")]);
        var table = PmiTable.Compute(counts, new PmiOptions { K = 6, MinCount = 101 });
        table.Save(folder.File("pmi-k6.csv"));
        var ranking = PmiTable.LoadDefault();

        PmiTable.Load(folder.File("pmi-k6.csv"), 6).K.Should().Be(6);
        ranking.K.Should().Be(6);
    }
}

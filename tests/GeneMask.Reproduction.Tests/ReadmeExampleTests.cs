namespace GeneMask.Reproduction.Tests;

/// <summary>The example of the package README (src/GeneMask.Reproduction/README.md).</summary>
public class ReadmeExampleTests
{
    [Test]
    public void The_readme_example_compiles_and_starts_with_the_pipeline_checking_its_inputs()
    {
        // The README's program; here with a genome that does not exist, so that the run stops at its input check.
        var pipeline = new ReproductionPipeline(ReproductionOptions.Quick(ReproducedTable.Four));
        var run = () => pipeline.Run(new ReproductionInputs(["no-such-genome.fa.gz"], DataRoot: "benchmarks", OutputDirectory: Path.Combine(Path.GetTempPath(), "genemask-readme-" + Guid.NewGuid().ToString("N"))));

        run.Should().Throw<FileNotFoundException>().WithMessage("Genome FASTA file not found: no-such-genome.fa.gz");
    }
}

namespace GeneMask.Samples.Tests;

/// <summary><c>compare --step</c>: a job that cannot run says why in one line and writes nothing.</summary>
public class CompareStepsTests
{
    [Test]
    public void A_replicate_outside_the_replicates_is_one_line_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "cmp");

        var run = SampleRun.Start("compare", "--tiny", "--arms", "kmer-span", "--replicates", "2", "--step", "pretrain", "--replicate", "2", "--output", output);

        run.ExitCode.Should().Be(1, run.Output);
        run.Error.Trim().Should().Be("error: A replicate of this comparison is in [0, 2): give --replicates R to every job. Actual value was 2.");
        Directory.Exists(output).Should().BeFalse("nothing is written for a job that cannot run");
    }

    [Test]
    public void A_job_run_before_the_jobs_it_needs_is_one_line_naming_the_missing_piece()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "cmp");
        SampleRun.Start("compare", "--tiny", "--arms", "kmer-span", "--step", "prepare", "--output", output).ExitCode.Should().Be(0);

        var run = SampleRun.Start("compare", "--tiny", "--arms", "kmer-span", "--step", "frozen", "--output", output);

        run.ExitCode.Should().Be(1, run.Output);
        var error = run.Error.Trim();
        error.Should().StartWith("error: ").And.Contain("is missing: compute").And.Contain("kmer-span");
        error.Split('\n').Should().HaveCount(1, "a user error is one line, not a stack trace");
        Directory.EnumerateFiles(output, "frozen.json", SearchOption.AllDirectories).Should().BeEmpty();
    }
}

using System.Diagnostics;
using GeneMask.Reproduction.Comparison;

namespace GeneMask.Samples.Tests;

/// <summary>
/// Two processes that run disjoint arms of one comparison into one fresh folder at the same moment, as <c>compare
/// --help</c> advertises: the corpus is built once (the second process waits for it), each arm is computed once, and
/// a third run over all the arms reuses every piece and reports the numbers the two runs reported.
/// </summary>
[NonParallelizable]
public class SharedComparisonTests
{
    [Test]
    public void Two_processes_with_disjoint_arms_share_one_fresh_folder()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "cmp");
        using var first = SampleProcess.Start("compare", "--tiny", "--arms", "none,kmer-span", "--steps", "12", "--seeds", "2", "--output", output);
        using var second = SampleProcess.Start("compare", "--tiny", "--arms", "genemask", "--steps", "12", "--seeds", "2", "--output", output);

        var a = first.WaitForExit(TimeSpan.FromMinutes(3));
        var b = second.WaitForExit(TimeSpan.FromMinutes(3));

        a.ExitCode.Should().Be(0, a.Output);
        b.ExitCode.Should().Be(0, b.Output);
        var clock = Stopwatch.StartNew();
        var all = SampleRun.Start("compare", "--tiny", "--arms", "none,kmer-span,genemask", "--steps", "12", "--seeds", "2", "--output", output);
        all.ExitCode.Should().Be(0, all.Output);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "every piece is reused");
        all.Output.Should().Contain("Context check").And.Contain("kmer-span did not learn from context").And.Contain("genemask did not learn from context");
        var shared = ComparisonEvidence.FromJson(File.ReadAllText(Path.Combine(output, "evidence.json")));
        shared.Arms.Select(x => x.Name).Should().Equal("none", "kmer-span", "genemask");
        shared.Invocations.Should().HaveCount(3, "both processes and this run recorded their invocation");
        shared.Invocations.Take(2).Select(i => string.Join(",", i.Arms)).Should().BeEquivalentTo(["none,kmer-span", "genemask"]);

        // The same numbers as one process computing everything alone.
        var reference = Path.Combine(folder.Path, "reference");
        SampleRun.Start("compare", "--tiny", "--arms", "none,kmer-span,genemask", "--steps", "12", "--seeds", "2", "--output", reference).ExitCode.Should().Be(0);
        var alone = ComparisonEvidence.FromJson(File.ReadAllText(Path.Combine(reference, "evidence.json")));
        shared.Arms.Should().BeEquivalentTo(alone.Arms, o => o.Excluding((FluentAssertions.Equivalency.IMemberInfo m) => m.Name == nameof(ArmEvidence.PretrainingSeconds)).WithStrictOrdering());
        shared.Comparisons.Should().BeEquivalentTo(alone.Comparisons, o => o.WithStrictOrdering());

        Directory.GetDirectories(Path.Combine(output, "arms")).Select(Path.GetFileName).Should().BeEquivalentTo(["none", "kmer-span", "genemask"]);
        File.Exists(Path.Combine(output, GeneMask.Infrastructure.OutputLock.FileName)).Should().BeFalse("the last process to leave removes the shared lock");
    }
}

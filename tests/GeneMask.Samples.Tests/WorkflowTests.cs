using System.Diagnostics;
using System.Globalization;
using System.Text;
using GeneMask.Reproduction.Comparison;

namespace GeneMask.Samples.Tests;

/// <summary>
/// workflow/Snakefile run by Snakemake on this machine (local executor, 2 cores) with this build's app: the tiny
/// comparison gives the evidence of <c>compare</c> in one process, a rerun has nothing to do, a run killed in the
/// middle and rerun gives the same evidence again, and the statistics over the shipped FASTA files as separate jobs
/// give the counts of one count over all of them.
/// </summary>
[NonParallelizable]
public class WorkflowTests
{
    // Two arms, 2 replicates, 12 steps, 2 few-shot seeds: every kind of job, in seconds.
    private static readonly string[] Settings = ["--tiny", "--arms", "none,kmer-span", "--replicates", "2", "--steps", "12", "--seeds", "2"];
    private static readonly string[] Config = ["size=tiny", "arms=[none,kmer-span]", "replicates=2", "steps=12", "seeds=2"];

    private static readonly string[] ShippedFasta =
    [
        Path.Combine(TestData.RepositoryRoot, "samples", "data", "genomes", "hg38_chr2_1-2333275.fa.gz"),
        Path.Combine(TestData.TestsRoot, "genomes", "human_chrM.fa"),
        Path.Combine(TestData.TestsRoot, "genomes", "phage_lambda_NC_001416.fa"),
        Path.Combine(TestData.TestsRoot, "genomes", "celegans_fragments.fa"),
    ];

    private TempFolder _folder = null!;
    private string _reference = null!;

    [OneTimeSetUp]
    public void RunCompareInOneProcess()
    {
        if (!OnPath("snakemake"))
        {
            Assert.Ignore("snakemake is not installed (.ci/run installs it: apt-get install snakemake); the workflow tests need it.");
        }

        _folder = new TempFolder();
        var output = Path.Combine(_folder.Path, "reference");
        using var compare = SampleProcess.Start(["compare", .. Settings, "--output", output]);
        var run = compare.WaitForExit(TimeSpan.FromMinutes(3));
        run.ExitCode.Should().Be(0, run.Output);
        _reference = Comparable(Path.Combine(output, "evidence.json"));
    }

    [OneTimeTearDown]
    public void RemoveFolder() => _folder?.Dispose();

    [Test]
    public void The_tiny_comparison_gives_the_evidence_of_one_process_and_a_rerun_has_nothing_to_do()
    {
        var output = Path.Combine(_folder.Path, "complete");
        var run = Snakemake(output, TimeSpan.FromMinutes(3), ["comparison", "--cores", "2"]);
        run.ExitCode.Should().Be(0, run.Output);

        Comparable(Path.Combine(output, "comparison-tiny", "evidence.json")).Should().Be(_reference);
        File.Exists(Path.Combine(output, "comparison-tiny", "report", "report.md")).Should().BeTrue();

        var dry = Snakemake(output, TimeSpan.FromMinutes(1), ["comparison", "--cores", "2", "-n"]);
        dry.ExitCode.Should().Be(0, dry.Output);
        dry.Output.Should().Contain("Nothing to be done", "every output is present and up to date");
    }

    [TestCase("KILL")]
    [TestCase("TERM")]
    public void A_workflow_killed_in_the_middle_and_rerun_gives_the_same_evidence(string signal)
    {
        var output = Path.Combine(_folder.Path, "killed-" + signal);
        var comparison = Path.Combine(output, "comparison-tiny");
        using (var first = StartSnakemake(output, ["comparison", "--cores", "2"]))
        {
            // Signalled, with every job it started, as soon as the first arm is pretrained: other jobs are running then.
            var clock = Stopwatch.StartNew();
            while (!Directory.Exists(Path.Combine(comparison, "arms")) || Directory.GetFiles(Path.Combine(comparison, "arms"), "pretraining.json", SearchOption.AllDirectories).Length == 0)
            {
                first.HasExited.Should().BeFalse("the workflow is killed before it ends: " + first.Output);
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2), first.Output);
                Thread.Sleep(50);
            }

            first.SignalGroup(signal);
        }

        File.Exists(Path.Combine(comparison, "evidence.json")).Should().BeFalse("the workflow was stopped before its report");
        if (signal == "KILL")
        {
            // SIGKILL leaves Snakemake's own lock behind (SIGTERM lets it shut down): --unlock first.
            Snakemake(output, TimeSpan.FromMinutes(1), ["comparison", "--unlock"]).ExitCode.Should().Be(0);
        }

        // The rerun redoes the jobs that were cut off and reuses the finished pieces.
        var rerun = Snakemake(output, TimeSpan.FromMinutes(3), ["comparison", "--cores", "2", "--rerun-incomplete"]);
        rerun.ExitCode.Should().Be(0, rerun.Output);
        Comparable(Path.Combine(comparison, "evidence.json")).Should().Be(_reference);
    }

    [Test]
    public void The_statistics_over_the_shipped_fasta_files_as_separate_jobs_are_the_counts_of_one_count_over_all()
    {
        var output = Path.Combine(_folder.Path, "statistics");
        var run = Snakemake(output, TimeSpan.FromMinutes(2), ["statistics", "--cores", "2"]);
        run.ExitCode.Should().Be(0, run.Output);
        Directory.GetFiles(Path.Combine(output, "statistics", "counts")).Should().HaveCount(ShippedFasta.Length, "one counting job per FASTA file");

        var all = Path.Combine(_folder.Path, "all.bin");
        var table = Path.Combine(_folder.Path, "all.csv");
        SampleRun.Start(["pmi", "count", "--fasta", .. ShippedFasta, "--k", "6", "--output", all]).ExitCode.Should().Be(0);
        SampleRun.Start("pmi", "--counts", all, "--k", "6", "--output", table).ExitCode.Should().Be(0);

        File.ReadAllBytes(Path.Combine(output, "statistics", "counts.bin")).Should().Equal(File.ReadAllBytes(all));
        File.ReadAllText(Path.Combine(output, "statistics", "pmi.csv")).Should().Be(File.ReadAllText(table));
    }

    [Test]
    public void Each_size_runs_the_arms_and_replicates_of_the_app_preset_of_that_name()
    {
        foreach (var preset in new[] { MaskingComparisonOptions.Tiny, MaskingComparisonOptions.Default, MaskingComparisonOptions.Study })
        {
            var output = Path.Combine(_folder.Path, "dry-" + preset.Preset);
            Directory.CreateDirectory(output);
            using var process = SnakemakeProcess.Start(["-s", Path.Combine(TestData.RepositoryRoot, "workflow", "Snakefile"), "--directory", output, "comparison", "-n", "-p", "--config", $"size={preset.Preset}", $"output={output}"]);
            var dry = process.WaitForExit(TimeSpan.FromMinutes(1));
            dry.ExitCode.Should().Be(0, dry.Output);

            var report = dry.Output.Split('\n').Single(line => line.Contains("compare --step report", StringComparison.Ordinal));
            report.Should().Contain($"--preset {preset.Preset} ").And.Contain($" --replicates {preset.Replicates} ")
                .And.Contain($" --arms {string.Join(",", preset.Arms.Select(a => a.Name))} ", "config.yaml lists the preset's own arms");
        }
    }

    /// <summary>
    /// The evidence without what differs between runs of the same computation: when it finished, wall times, the
    /// machine's load and threads, and the invocation history.
    /// </summary>
    private static string Comparable(string path)
    {
        var evidence = ComparisonEvidence.FromJson(File.ReadAllText(path));
        return (evidence with
        {
            FinishedUtc = default,
            WallTimes = new Dictionary<string, double>(),
            TotalSeconds = 0,
            Invocations = [],
            Machine = new MachineInfo { Os = string.Empty, Runtime = string.Empty },
            Arms = [.. evidence.Arms.Select(a => a with { PretrainingSeconds = 0, Replicates = [.. a.Replicates.Select(r => r with { PretrainingSeconds = 0 })] })],
        }).ToJson();
    }

    private static SnakemakeProcess StartSnakemake(string output, string[] args)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "GeneMask.Samples.Logo");
        return SnakemakeProcess.Start(
        [
            "-s", Path.Combine(TestData.RepositoryRoot, "workflow", "Snakefile"),
            "--directory", output,
            .. args,
            "--config", .. Config, $"app={app}", $"output={output}",
        ]);
    }

    private static SnakemakeRun Snakemake(string output, TimeSpan timeout, string[] args)
    {
        using var process = StartSnakemake(output, args);
        return process.WaitForExit(timeout);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));

    private sealed record SnakemakeRun(int ExitCode, string Output);

    /// <summary>Snakemake in a process group of its own (through <c>setsid</c>), so that a kill reaches every job it started.</summary>
    private sealed class SnakemakeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SnakemakeProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static SnakemakeProcess Start(string[] args)
        {
            var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("snakemake");
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["NO_COLOR"] = "1";
            return new SnakemakeProcess(Process.Start(info) ?? throw new InvalidOperationException("snakemake did not start."));
        }

        /// <summary>
        /// Sends <paramref name="signal"/> to Snakemake and every job it started and waits for Snakemake's end: after
        /// <c>KILL</c> nothing of them runs any more, no handler, no cleanup; <c>TERM</c> lets each shut down.
        /// </summary>
        public void SignalGroup(string signal)
        {
            using var kill = Process.Start("kill", ["-" + signal, "--", "-" + _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            _process.WaitForExit();
        }

        public SnakemakeRun WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                SignalGroup("KILL");
                throw new TimeoutException($"snakemake did not end within {timeout}: {Output}");
            }

            _process.WaitForExit();
            return new SnakemakeRun(_process.ExitCode, Output);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                SignalGroup("KILL");
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.Append(line).Append('\n');
                }
            }
        }
    }
}

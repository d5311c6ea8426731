using GeneMask.Infrastructure;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Pmi.Tests;

public class FastaCountingTests
{
    private static readonly string[] Genomes =
    [
        TestData.Genome("hg38_chr2_1-2333275.fa.gz"),
        TestData.Genome("celegans_fragments.fa"),
        TestData.Genome("phage_lambda_NC_001416.fa"),
        TestData.Genome("human_chrM.fa"),
    ];

    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "genemask-pmi-fasta-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Files_counted_in_parallel_equal_each_record_counted_on_its_own()
    {
        var expected = new NgramCounter(7);
        foreach (var path in Genomes)
        {
            foreach (var (_, bases) in Reference.ReadFasta(path))
            {
                expected.Append(bases);
                expected.EndSequence();
            }
        }

        var reports = new List<NgramCountingProgress>();
        foreach (var (workers, chunk) in new[] { (1, 1 << 22), (2, 1 << 12), (3, 100_003) })
        {
            var counter = GenomeCounter.Create(new NgramCountingOptions { K = 7, MaxDegreeOfParallelism = workers, ChunkSize = chunk });
            var progress = new SynchronousProgress<NgramCountingProgress>(p =>
            {
                lock (reports)
                {
                    reports.Add(p);
                }
            });
            counter.CountFasta(Genomes, progress).ContentEquals(expected.ToCounts()).Should().BeTrue($"{workers} workers, chunks of {chunk}");
        }

        reports.Should().NotBeEmpty();
        reports[^1].Fraction.Should().Be(1);
        reports[^1].FilesDone.Should().Be(4);
    }

    [Test]
    public void Both_strands_from_files_add_the_reverse_complement_counts()
    {
        var path = TestData.Genome("phage_lambda_NC_001416.fa");
        var one = GenomeCounter.Create(new NgramCountingOptions { K = 5 }).CountFasta([path]);
        var both = GenomeCounter.Create(new NgramCountingOptions { K = 5, BothStrands = true }).CountFasta([path]);
        both.Count("ACGTT").Should().Be(one.Count("ACGTT") + one.Count("AACGT"));
        both.Windows(5).Should().Be(2 * one.Windows(5));
    }

    [Test]
    public void A_fasta_without_bases_is_reported_by_name()
    {
        var good = TestData.Genome("human_chrM.fa");
        var bad = Path.Combine(_folder, "gaps.fa");
        File.WriteAllText(bad, ">gap1\nNNNNNNNNNN\nnnnnRYKM\n>gap2\nNNNN\n");
        var act = () => GenomeCounter.Create(new NgramCountingOptions { K = 6, MaxDegreeOfParallelism = 2 }).CountFasta([good, bad]);
        act.Should().Throw<PmiFormatException>().WithMessage($"{bad}: no A/C/G/T base in 2 record(s)*");
    }

    [Test]
    public void Empty_input_is_reported()
    {
        var empty = Path.Combine(_folder, "empty.fa");
        File.WriteAllText(empty, string.Empty);
        var counter = GenomeCounter.Create(new NgramCountingOptions { K = 6 });
        ((Action)(() => counter.CountFasta([empty]))).Should().Throw<SequenceFormatException>().WithMessage($"*{empty}*empty*");
        ((Action)(() => counter.CountFasta([]))).Should().Throw<ArgumentException>().WithMessage("No FASTA file*");
        ((Action)(() => counter.CountFasta([Path.Combine(_folder, "missing.fa")]))).Should().Throw<FileNotFoundException>().WithMessage("*missing.fa*");
    }
}

using BenchmarkDotNet.Attributes;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Benchmarks;

/// <summary>
/// n-gram counting throughput on the E. coli 536 genome (4,938,920 bases, held in memory) and the PMI/NPMI
/// computation. MB/s = 4.93892 MB / mean time.
/// </summary>
[MemoryDiagnoser]
public class PmiBenchmarks
{
    private byte[] _genome = [];
    private NgramCounts _counts = null!;
    private GenomeCounter _twoWorkers = null!;

    /// <summary>The longest n-gram counted.</summary>
    [Params(6, 10)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var reader = FastaReader.Open(BenchmarkData.Path("genomes", "ecoli_536_NC_008253.fna.gz"));
        _genome = reader.ReadRecords().Single().Bases;
        _counts = NgramCounter.Count(_genome, K);
        _twoWorkers = GenomeCounter.Create(new NgramCountingOptions { K = K, MaxDegreeOfParallelism = 2 });
    }

    /// <summary>One core: every n-gram of length 1…K of the whole genome.</summary>
    [Benchmark(Baseline = true)]
    public long CountOneCore() => NgramCounter.Count(_genome, K).Windows(K);

    /// <summary>Two workers over 4 MiB chunks (the machine has 2 cores).</summary>
    [Benchmark]
    public long CountTwoWorkers() => _twoWorkers.CountSequence(_genome).Windows(K);

    /// <summary>End to end from the gzip file (inflate + parse + count) with two workers.</summary>
    [Benchmark]
    public long CountGzipFile() => _twoWorkers.CountFasta([BenchmarkData.Path("genomes", "ecoli_536_NC_008253.fna.gz")]).Windows(K);

    /// <summary>PMI_k (all segmentations), NPMI and ranking of all 4^6 6-mers from the counts.</summary>
    [Benchmark]
    public int RankPaper() => PmiTable.Compute(_counts, new PmiOptions { K = 6 }).RankOf("ACGTAC");

    /// <summary>The published recipe on the same counts.</summary>
    [Benchmark]
    public int RankPublished() => PmiTable.Compute(_counts, new PmiOptions { K = 6, Definition = PmiDefinition.GeneMaskPublished }).RankOf("ACGTAC");
}

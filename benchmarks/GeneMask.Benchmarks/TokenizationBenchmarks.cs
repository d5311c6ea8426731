using BenchmarkDotNet.Attributes;
using GeneMask.Tokenization;

namespace GeneMask.Benchmarks;

/// <summary>
/// FASTA parsing (plain from memory, gzip and bgzip from disk) and k-mer encoding on real genomes.
/// Throughput = bytes or bases per operation (printed at setup) ÷ the mean time.
/// </summary>
[MemoryDiagnoser]
public class TokenizationBenchmarks
{
    private byte[] _plainFasta = [];
    private byte[] _bases = [];
    private int[] _ids = [];
    private string _ecoliGzip = string.Empty;
    private string _humanBgzip = string.Empty;
    private KmerTokenizer _tokenizer = KmerTokenizer.Create();

    [GlobalSetup]
    public void Setup()
    {
        _ecoliGzip = BenchmarkData.Path("genomes", "ecoli_536_NC_008253.fna.gz");
        _humanBgzip = BenchmarkData.Path("genomes", "hg38_chr2_1-2333275.fa.gz");
        using (var stream = SequenceFile.OpenRead(_ecoliGzip))
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            _plainFasta = memory.ToArray();
        }

        using (var reader = FastaReader.Open(_ecoliGzip))
        {
            _bases = reader.ReadRecords().Single().Bases;
        }

        _ids = new int[_bases.Length];
        _tokenizer = KmerTokenizer.Create();
        Console.WriteLine($"// plain FASTA: {_plainFasta.Length} bytes, {_bases.Length} bases");
    }

    /// <summary>Plain FASTA text (E. coli, 4.9 Mb, 70-column lines) parsed from memory in 1 Mb chunks.</summary>
    [Benchmark]
    public long ParsePlainFastaChunks()
    {
        using var reader = new FastaReader(new MemoryStream(_plainFasta, writable: false), "ecoli.fa");
        long total = 0;
        foreach (var chunk in reader.ReadChunks(1 << 20))
        {
            total += chunk.Bases.Length;
        }

        return total;
    }

    /// <summary>Plain FASTA text parsed into whole records.</summary>
    [Benchmark]
    public long ParsePlainFastaRecords()
    {
        using var reader = new FastaReader(new MemoryStream(_plainFasta, writable: false), "ecoli.fa");
        long total = 0;
        foreach (var record in reader.ReadRecords())
        {
            total += record.Bases.Length;
        }

        return total;
    }

    /// <summary>gzip FASTA (E. coli, 1.48 MB compressed) read from disk, decompressed, CRC-checked and parsed.</summary>
    [Benchmark]
    public long ParseGzipFasta() => CountBases(_ecoliGzip);

    /// <summary>bgzip FASTA (human chr2 fragment, 0.75 MB compressed, 38 members) read and parsed.</summary>
    [Benchmark]
    public long ParseBgzipFasta() => CountBases(_humanBgzip);

    /// <summary>6-mer ids of 4.9 M bases into a caller buffer.</summary>
    [Benchmark]
    public int EncodeKmers() => _tokenizer.EncodeKmers(_bases, _ids);

    /// <summary>6-mer counting with base statistics (the <c>stats</c> sample's work).</summary>
    [Benchmark]
    public long CountKmerStatistics()
    {
        var statistics = new SequenceStatistics();
        statistics.Add(_bases);
        return statistics.KnownKmers;
    }

    private static long CountBases(string path)
    {
        using var reader = FastaReader.Open(path);
        long total = 0;
        foreach (var chunk in reader.ReadChunks(1 << 20))
        {
            total += chunk.Bases.Length;
        }

        return total;
    }
}

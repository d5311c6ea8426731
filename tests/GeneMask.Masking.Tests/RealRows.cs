
namespace GeneMask.Masking.Tests;

/// <summary>Full-length rows (510 6-mers) of real genomic sequence, and the real (embedded) PMI table.</summary>
internal static class RealRows
{
    public const int Kmers = 510;

    private static readonly Lazy<int[][]> LazyRows = new(Load);

    /// <summary>10 000 rows: human chr2 first, then E. coli.</summary>
    public static int[][] All => LazyRows.Value;

    public static PmiTable Table => PmiTable.LoadDefault();

    public static KmerTokenizer Tokenizer { get; } = KmerTokenizer.Create(6);

    private static int[][] Load()
    {
        var rows = new List<int[]>(10_000);
        rows.AddRange(FullLengthRows.FromFasta(TestData.Genome("hg38_chr2_1-2333275.fa.gz"), Tokenizer, Kmers));
        rows.AddRange(FullLengthRows.FromFasta(TestData.Genome("ecoli_536_NC_008253.fna.gz"), Tokenizer, Kmers, 10_000 - rows.Count));
        return [.. rows.Take(10_000)];
    }
}

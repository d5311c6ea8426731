namespace GeneMask.Pmi.Tests;

public class DefaultTableTests
{
    private static readonly Lazy<(NgramCounts Counts, PmiTable Table)> Fragment = new(() =>
    {
        // As the documented command does: the library's FASTA reader, K = 6, one strand.
        var counts = GenomeCounter.Create(new NgramCountingOptions { K = 6, MaxDegreeOfParallelism = 2 })
            .CountFasta([TestData.Genome("hg38_chr2_1-2333275.fa.gz")]);
        return (counts, PmiTable.Compute(counts, new PmiOptions { K = 6, MinCount = 101 }));
    });

    [Test]
    public void Recomputing_from_the_chr2_fragment_reproduces_the_embedded_table()
    {
        var embedded = PmiTable.LoadDefault();
        var computed = Fragment.Value.Table;

        embedded.K.Should().Be(6);
        embedded.Definition.Should().Be(PmiDefinition.Paper);
        embedded.MinCount.Should().Be(101);
        embedded.RanksByTokenId.ToArray().Should().Equal(computed.RanksByTokenId.ToArray());
        embedded.Counts.ToArray().Should().Equal(computed.Counts.ToArray());
        embedded.Pmi.ToArray().Should().Equal(computed.Pmi.ToArray());
        embedded.NaivePmi.ToArray().Should().Equal(computed.NaivePmi.ToArray());
        embedded.Npmi.ToArray().Should().Equal(computed.Npmi.ToArray(), (a, b) => a.Equals(b));
    }

    [Test]
    public void Chr2_fragment_table_has_the_expected_basic_facts()
    {
        var (counts, table) = Fragment.Value;

        counts.Bases.Should().Be(2_323_275, "2,333,275 bp of which 10,000 are N");
        counts.Windows(6).Should().Be(counts.Counts6Sum());
        table.KmerCount.Should().Be(4096);
        Enumerable.Range(0, 4096).Select(table.RankOfKmer).Order().Should().Equal(Enumerable.Range(1, 4096), "ranks are a permutation");

        var withNpmi = 0;
        for (var code = 0; code < 4096; code++)
        {
            // Plain checks: thousands of fluent assertions would dominate the run time.
            var entry = table.Entry(code);
            Check(entry.Count == counts.Count(6, code), entry, "count");
            Check((entry.Npmi is not null) == (entry.Count >= 101), entry, "NPMI exactly for count ≥ c");
            if (entry.Npmi is { } npmi)
            {
                withNpmi++;
                Check(entry.Pmi <= 0 || (npmi > 0 && npmi <= entry.Pmi), entry, "0 < NPMI ≤ PMI where PMI > 0");
                Check(entry.Pmi <= entry.NaivePmi + 1e-12, entry, "PMI ≤ naive PMI (the minimum includes the all-singles split)");
            }
        }

        withNpmi.Should().BeGreaterThan(3000);

        // Every k-mer with an NPMI ranks before every k-mer without one, and NPMI falls with rank.
        var byRank = Enumerable.Range(1, 4096).Select(r => table.Entry(table.KmerCodeAtRank(r))).ToList();
        byRank.Take(withNpmi).Should().OnlyContain(e => e.Npmi != null);
        byRank.Skip(withNpmi).Should().OnlyContain(e => e.Npmi == null);
        byRank.Take(withNpmi).Select(e => e.Npmi!.Value).Should().BeInDescendingOrder();

        // Simple repeats (CA/TG dinucleotide repeats, poly-A) are among the most cohesive 6-mers of human DNA.
        table.Top(10).Select(e => e.Kmer).Should().Contain(["TGTGTG", "CACACA", "AAAAAA", "TTTTTT"]);
        // CpG-rich 6-mers are depleted in the human genome and fall below c here.
        table.Entry("CGCGCG").Npmi.Should().BeNull();
    }

    private static void Check(bool condition, PmiEntry entry, string what)
    {
        if (!condition)
        {
            Assert.Fail($"{what}: {entry}");
        }
    }
}

using System.Text;

namespace GeneMask.Tokenization.Tests;

public class SequenceStatisticsTests
{
    [Test]
    public void Counts_equal_a_brute_force_count_of_substrings()
    {
        var records = new List<string>();
        using (var reader = FastaReader.Open(TestData.Genome("phage_lambda_NC_001416.fa")))
        {
            records.Add(Encoding.ASCII.GetString(reader.ReadRecords().Single().Bases)[..20_000]);
        }

        records.Add("acgtNNACGTACGTRYacgtacgtac");
        records.Add("ACG"); // shorter than k: no k-mer
        records.Add("NNNNNNNNNN");

        var statistics = new SequenceStatistics(4);
        var random = new Random(5);
        foreach (var record in records)
        {
            statistics.StartRecord();
            var bytes = Encoding.ASCII.GetBytes(record);
            for (var i = 0; i < bytes.Length;)
            {
                var piece = Math.Min(bytes.Length - i, random.Next(1, 50)); // k-mers continue across pieces
                statistics.Add(bytes.AsSpan(i, piece));
                i += piece;
            }
        }

        var expected = new Dictionary<string, long>();
        long unknown = 0, kmers = 0;
        foreach (var record in records)
        {
            for (var i = 0; i + 4 <= record.Length; i++)
            {
                kmers++;
                var kmer = record.Substring(i, 4).ToUpperInvariant();
                if (kmer.All(c => "ACGT".Contains(c, StringComparison.Ordinal)))
                {
                    expected[kmer] = expected.GetValueOrDefault(kmer) + 1;
                }
                else
                {
                    unknown++;
                }
            }
        }

        var all = string.Concat(records);
        statistics.Records.Should().Be(4);
        statistics.Bases.Should().Be(all.Length);
        statistics.SoftMaskedBases.Should().Be(all.Count(char.IsLower));
        statistics.NBases.Should().Be(all.Count(c => c is 'N' or 'n'));
        statistics.OtherBases.Should().Be(2);
        statistics.GcBases.Should().Be(all.Count(c => "GCgc".Contains(c, StringComparison.Ordinal)));
        statistics.Kmers.Should().Be(kmers);
        statistics.UnknownKmers.Should().Be(unknown);
        statistics.DistinctKmers.Should().Be(expected.Count);
        var tokenizer = KmerTokenizer.Create(4);
        foreach (var (kmer, count) in expected)
        {
            statistics.KmerCounts[tokenizer.GetTokenId(kmer) - SpecialTokens.Count].Should().Be(count, kmer);
        }

        var top = statistics.MostFrequent(3);
        top.Select(t => t.Count).Should().Equal(expected.Values.OrderByDescending(v => v).Take(3));
        top[0].Id.Should().Be(tokenizer.GetTokenId(top[0].Kmer));
    }

    [Test]
    public void Human_fragment_statistics_match_the_shell_counts()
    {
        var statistics = SequenceStatistics.Compute(TestData.Genome("hg38_chr2_1-2333275.fa.gz"));

        statistics.Records.Should().Be(1);
        statistics.Bases.Should().Be(2_333_275);
        statistics.NBases.Should().Be(10_000);
        statistics.SoftMaskedBases.Should().Be(831_507);
        statistics.Kmers.Should().Be(2_333_275 - 5);
    }
}

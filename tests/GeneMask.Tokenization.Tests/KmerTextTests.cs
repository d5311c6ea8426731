using System.Text;

namespace GeneMask.Tokenization.Tests;

public class KmerTextTests
{
    [Test]
    public void Bases_become_overlapping_kmers()
    {
        KmerText.FromBases("ACGTACGT", 6).Should().Be("ACGTAC CGTACG GTACGT");
        KmerText.FromBases("ACG", 3).Should().Be("ACG");
        KmerText.FromBases("AC", 3).Should().BeEmpty();
        KmerText.GetTextLength(8, 6).Should().Be(20);
    }

    [Test]
    public void Byte_overload_writes_into_a_caller_buffer()
    {
        var destination = new byte[20];
        KmerText.FromBases("ACGTACGT"u8, 6, destination).Should().Be(20);
        Encoding.ASCII.GetString(destination).Should().Be("ACGTAC CGTACG GTACGT");

        var tooSmall = () => KmerText.FromBases("ACGTACGT"u8, 6, new byte[19]);
        tooSmall.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Kmer_text_becomes_bases_and_quotes_are_stripped()
    {
        KmerText.ToBases("ACGTAC CGTACG GTACGT").Should().Be("ACGTACGT");
        KmerText.ToBases("\"ACGTAC CGTACG GTACGT\"").Should().Be("ACGTACGT");
        KmerText.ToBases("  ACG\tCGT  ").Should().Be("ACGT");
        KmerText.ToBases("\"\"").Should().BeEmpty();
        KmerText.ToBases(string.Empty).Should().BeEmpty();
    }

    [Test]
    public void Inconsistent_neighbours_name_the_token()
    {
        var act = () => KmerText.ToBases("ACGTAC CGTACG GTACGA TACGAA GTTTTT");
        act.Should().Throw<FormatException>().WithMessage("k-mer 5 ('GTTTTT') does not overlap k-mer 4 ('TACGAA'): expected it to start with 'ACGAA'.");

        var length = () => KmerText.ToBases("ACGTAC CGTAC");
        length.Should().Throw<FormatException>().WithMessage("k-mer 2 ('CGTAC') has 5 characters; the first k-mer has 6.");

        var quote = () => KmerText.ToBases("\"ACGTAC CGTACG");
        quote.Should().Throw<FormatException>().WithMessage("*unmatched double quote*");
    }

    [Test]
    public void Quoted_few_shot_training_files_round_trip()
    {
        // The upstream few-shot files: quoted k-mer text in train, unquoted in test; Prom-core sequences are 70 bp.
        foreach (var file in new[] { TestData.Path("fewshot", "Prom-core", "10", "train.tsv"), TestData.Path("fewshot", "Prom-core", "test.tsv") })
        {
            var rows = File.ReadLines(file).Skip(1).Take(200).ToList();
            rows.Should().NotBeEmpty();
            foreach (var row in rows)
            {
                var field = row.Split('\t')[0];
                var bases = KmerText.ToBases(field);
                bases.Should().HaveLength(70).And.MatchRegex("^[ACGT]+$");
                KmerText.FromBases(bases, 6).Should().Be(field.Trim('"'));
            }
        }
    }

    [Test]
    public void Span_overload_of_to_bases_matches_the_string_one()
    {
        var random = new Random(11);
        var bases = new string(Enumerable.Range(0, 600).Select(_ => "ACGT"[random.Next(4)]).ToArray());
        var text = KmerText.FromBases(bases, 5);
        var destination = new char[text.Length];

        var written = KmerText.ToBases(text, destination);

        new string(destination, 0, written).Should().Be(bases);
        KmerText.ToBases(text).Should().Be(bases);
    }
}

using System.Text;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Pmi.Tests;

public class CorpusCountingTests
{
    [Test]
    public void Counting_a_token_corpus_equals_counting_its_sequences()
    {
        // Rows cut from the phage lambda genome plus one with an N (→ [UNK] k-mers): windows never span the N.
        var genome = Reference.ReadFasta(TestData.Genome("phage_lambda_NC_001416.fa")).Single().Bases;
        var random = new Random(11);
        var rows = new List<byte[]>();
        for (var start = 0; start + 600 < genome.Length; start += 600)
        {
            rows.Add(genome.AsSpan(start, random.Next(5, 510)).ToArray());
        }

        rows.Add(Encoding.ASCII.GetBytes("ACGTTGCANNNGGATCCAAGGTTACCA"));
        var tokenizer = KmerTokenizer.Create(6);
        var path = Path.Combine(Path.GetTempPath(), $"genemask-pmi-corpus-{Guid.NewGuid():N}.bin");
        try
        {
            using (var writer = TokenCorpusWriter.Create(path, 6))
            {
                var ids = new int[600];
                foreach (var row in rows)
                {
                    writer.AddRow(ids.AsSpan(0, tokenizer.EncodeKmers(row, ids)));
                }

                writer.Complete();
            }

            var counted = GenomeCounter.Create(new NgramCountingOptions { K = 8, MaxDegreeOfParallelism = 2 }).CountCorpus(path);
            counted.ShouldEqual(Reference.CountByBruteForce(rows.Select(r => Encoding.ASCII.GetString(r)), 8), 8);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_token_file_that_differs_from_its_corpus_manifest_is_refused()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"genemask-pmi-corpus-{Guid.NewGuid():N}");
        try
        {
            new PretrainingCorpusBuilder(new PretrainingCorpusOptions { Seed = 3 }).Build([TestData.Genome("phage_lambda_NC_001416.fa")], folder);
            var tokens = Path.Combine(folder, PretrainingCorpusBuilder.TrainTokensFile);
            var counter = GenomeCounter.Create(new NgramCountingOptions { K = 4, MaxDegreeOfParallelism = 1 });
            var expected = counter.CountCorpus(tokens);

            // One id changed to another k-mer id: a valid token file with other sequences.
            var bytes = File.ReadAllBytes(tokens);
            bytes[TokenCorpusFormat.HeaderSize + 40] ^= 0x01;
            File.WriteAllBytes(tokens, bytes);
            var act = () => counter.CountCorpus(tokens);
            act.Should().Throw<GeneMaskFormatException>().WithMessage($"{tokens} does not match {Path.Combine(folder, CorpusManifest.FileName)}*Build the corpus again.");

            // Without its manifest (a token file on its own) it is counted as it is.
            File.Delete(Path.Combine(folder, CorpusManifest.FileName));
            counter.CountCorpus(tokens).ContentEquals(expected).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Kmer_ids_back_to_bases()
    {
        // ACG CGT [UNK] ACG CGT GTA → ACGT N ACGTA
        int[] ids = [5 + 0b00_10_11, 5 + 0b10_11_01, SpecialTokens.Unknown, 5 + 0b00_10_11, 5 + 0b10_11_01, 5 + 0b11_01_00];
        var bases = new byte[64];
        var n = GenomeCounter.KmerIdsToBases(ids, 3, bases);
        Encoding.ASCII.GetString(bases, 0, n).Should().Be("ACGTNACGTA");
    }
}

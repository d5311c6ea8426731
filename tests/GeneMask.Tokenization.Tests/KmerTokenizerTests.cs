using GeneMask.Tokenization;

namespace GeneMask.Tokenization.Tests;

public class KmerTokenizerTests
{
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public void Generated_vocabulary_equals_DNABERT_vocab_file(int k)
    {
        var expected = File.ReadAllLines(TestData.Path("dnabert", $"vocab-{k}.txt")).Where(l => l.Length > 0).ToArray();
        var tokenizer = KmerTokenizer.Create(k);

        tokenizer.VocabularySize.Should().Be(expected.Length);
        for (var id = 0; id < expected.Length; id++)
        {
            tokenizer.GetToken(id).Should().Be(expected[id]);
            tokenizer.GetTokenId(expected[id]).Should().Be(id);
        }
    }

    [TestCase(3)]
    [TestCase(6)]
    public void Vocab_file_loads_and_saves_identically(int k)
    {
        var source = TestData.Path("dnabert", $"vocab-{k}.txt");
        var tokenizer = KmerTokenizer.FromVocabFile(source);
        tokenizer.K.Should().Be(k);

        var target = Path.Combine(Path.GetTempPath(), $"vocab-{Guid.NewGuid():N}.txt");
        try
        {
            tokenizer.SaveVocab(target);
            File.ReadAllLines(target).Should().Equal(File.ReadAllLines(source).Where(l => l.Length > 0));
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Test]
    public void Vocab_file_in_wrong_order_names_the_line()
    {
        var lines = File.ReadAllLines(TestData.Path("dnabert", "vocab-3.txt")).ToList();
        (lines[5], lines[6]) = (lines[6], lines[5]);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var act = () => KmerTokenizer.FromVocab(stream, sourceName: "bad-vocab.txt");

        act.Should().Throw<VocabularyFormatException>().WithMessage("bad-vocab.txt, line 6:*expected 'AAA'*found 'AAT'*");
    }

    [Test]
    public void Known_ids_for_six_mers()
    {
        var tokenizer = KmerTokenizer.Create();
        tokenizer.GetTokenId("AAAAAA").Should().Be(5);
        tokenizer.GetTokenId("AAAAAT").Should().Be(6);
        tokenizer.GetTokenId("AAAAAC").Should().Be(7);
        tokenizer.GetTokenId("GGGGGG").Should().Be(4100);
        tokenizer.GetTokenId("ggggga").Should().Be(4097);
        tokenizer.GetTokenId("[MASK]").Should().Be(SpecialTokens.Mask);
        tokenizer.GetTokenId("NNNNNN").Should().Be(SpecialTokens.Unknown);
    }

    [Test]
    public void Encode_adds_cls_and_sep_and_marks_unknown_kmers()
    {
        var tokenizer = KmerTokenizer.Create(3);
        var ids = tokenizer.Encode("acgNtac");

        // k-mers: ACG CGN GNT NTA TAC
        ids.Should().Equal(
            SpecialTokens.Cls,
            tokenizer.GetTokenId("ACG"),
            SpecialTokens.Unknown,
            SpecialTokens.Unknown,
            SpecialTokens.Unknown,
            tokenizer.GetTokenId("TAC"),
            SpecialTokens.Sep);
    }

    [Test]
    public void Encode_truncates_to_510_kmers_and_pads()
    {
        var tokenizer = KmerTokenizer.Create();
        var bases = new string('A', 600);
        var ids = new int[KmerTokenizer.DefaultMaxLength];
        var mask = new int[ids.Length];

        var used = tokenizer.Encode(bases.AsSpan(), ids, mask, pad: true);

        used.Should().Be(512);
        ids[0].Should().Be(SpecialTokens.Cls);
        ids[511].Should().Be(SpecialTokens.Sep);
        ids[1..511].Should().OnlyContain(id => id == 5);
        mask.Should().OnlyContain(m => m == 1);

        var shortIds = new int[20];
        var shortMask = new int[20];
        tokenizer.Encode("ACGTACGT".AsSpan(), shortIds, shortMask, pad: true).Should().Be(5);
        shortIds[5..].Should().OnlyContain(id => id == SpecialTokens.Pad);
        shortMask.Should().Equal(1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    [Test]
    public void Byte_and_char_encoding_agree_on_real_sequence()
    {
        var tokenizer = KmerTokenizer.Create();
        var bases = "ACGTTGCAacgtNNNNACGTAGCTAGCTAGCATCGATCGATCGTAGCTAGCggatcgatcgatcgtagctagctag";
        var fromChars = new int[bases.Length];
        var fromBytes = new int[bases.Length];

        var n1 = tokenizer.EncodeKmers(bases.AsSpan(), fromChars);
        var n2 = tokenizer.EncodeKmers(System.Text.Encoding.ASCII.GetBytes(bases), fromBytes);

        n1.Should().Be(bases.Length - 5);
        n2.Should().Be(n1);
        fromBytes.Should().Equal(fromChars);
    }

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(6)]
    [TestCase(8)]
    public void Bases_to_ids_to_bases_round_trips(int k)
    {
        var random = new Random(k);
        var bases = new string(Enumerable.Range(0, 300).Select(_ => "ACGT"[random.Next(4)]).ToArray());
        var tokenizer = KmerTokenizer.Create(k);

        var ids = tokenizer.Encode(bases);

        tokenizer.DecodeToBases(ids).Should().Be(bases);
    }

    [Test]
    public void Batch_encoding_writes_padded_rows()
    {
        var tokenizer = KmerTokenizer.Create(6);
        string[] batch = ["ACGTACGTAC", "ACGTAC", new string('C', 40)];
        var ids = new int[3 * 16];
        var mask = new int[3 * 16];
        var lengths = new int[3];

        tokenizer.EncodeBatch(batch, 16, ids, mask, lengths);

        lengths.Should().Equal(7, 3, 16);
        ids.AsSpan(16, 16).ToArray().Should().Equal([2, tokenizer.GetTokenId("ACGTAC"), 3, .. Enumerable.Repeat(0, 13)]);
        mask.AsSpan(32, 16).ToArray().Should().OnlyContain(m => m == 1);
        ids[47].Should().Be(SpecialTokens.Sep);
    }

    [TestCase(0)]
    [TestCase(9)]
    public void K_out_of_range_is_rejected(int k)
    {
        var act = () => KmerTokenizer.Create(k);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*k must be between 1 and 8*");
    }

    [Test]
    public void EncodeKmers_of_a_string_gives_the_bare_kmer_ids_that_Encode_wraps_in_CLS_and_SEP()
    {
        var tokenizer = KmerTokenizer.Create(3);

        // DNABERT's order is the product over A, T, C, G: AAA = 5, AAT = 6, AAC = 7, AAG = 8, ATA = 9, ...
        var ids = tokenizer.EncodeKmers("AATAN");

        ids.Should().Equal(6, 9, SpecialTokens.Unknown);
        tokenizer.EncodeKmers("AATAN".AsSpan()).Should().Equal(ids);
        tokenizer.EncodeKmers("AATAN"u8).Should().Equal(ids);
        tokenizer.Encode("AATAN").Should().Equal([SpecialTokens.Cls, .. ids, SpecialTokens.Sep]);
        tokenizer.EncodeKmers("AA").Should().BeEmpty();
    }

    [Test]
    public void EncodedLength_is_the_kmers_plus_CLS_and_SEP_and_MaxBases_its_inverse()
    {
        // By hand: 300 bases = 295 6-mers + 2; 510 bases = 505 + 2; fewer bases than k hold no k-mer.
        KmerTokenizer.EncodedLength(300).Should().Be(297);
        KmerTokenizer.EncodedLength(510).Should().Be(507);
        KmerTokenizer.EncodedLength(5).Should().Be(2);
        KmerTokenizer.EncodedLength(10, k: 3).Should().Be(10);
        KmerTokenizer.MaxBases(512).Should().Be(515, "512 positions hold [CLS], 510 6-mers and [SEP]: 515 bases");
        KmerTokenizer.MaxBases(10, k: 1).Should().Be(8);

        foreach (var k in new[] { 1, 3, 6, 8 })
        {
            var tokenizer = KmerTokenizer.Create(k, maxLength: 1 << 16);
            foreach (var bases in new[] { 0, 1, k - 1, k, k + 1, 511, 2000 })
            {
                KmerTokenizer.EncodedLength(bases, k).Should().Be(tokenizer.Encode(new string('A', bases)).Length, $"k = {k}, {bases} bases");
            }

            KmerTokenizer.EncodedLength(KmerTokenizer.MaxBases(512, k), k).Should().Be(512);
            KmerTokenizer.EncodedLength(KmerTokenizer.MaxBases(512, k) + 1, k).Should().Be(513);
        }
    }
}

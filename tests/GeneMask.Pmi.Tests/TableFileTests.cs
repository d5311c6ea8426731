using System.Globalization;
using System.Text;
using GeneMask.Tokenization;

namespace GeneMask.Pmi.Tests;

public class TableFileTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "genemask-pmi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Csv_round_trip_keeps_every_value_and_rank()
    {
        var counts = NgramCounter.Count(string.Concat(Enumerable.Repeat("ACGTTGCAAGGCTTAACCGGATATCGCG", 40)) + "TTTT", 4);
        var table = PmiTable.Compute(counts, new PmiOptions { K = 4, MinCount = 20 });
        var path = Path.Combine(_folder, "table.csv");
        table.Save(path);

        File.ReadLines(path).First().Should().Be("ngram,count,naive_pmi,pmi,npmi,rank");
        File.ReadLines(path).Should().HaveCount(1 + 256);
        var ranksInFile = File.ReadLines(path).Skip(1).Select(l => int.Parse(l.Split(',')[5], CultureInfo.InvariantCulture));
        ranksInFile.Should().Equal(Enumerable.Range(1, 256), "rows are in rank order");

        var loaded = PmiTable.Load(path);
        loaded.K.Should().Be(4);
        loaded.RanksByTokenId.ToArray().Should().Equal(table.RanksByTokenId.ToArray());
        loaded.Counts.ToArray().Should().Equal(table.Counts.ToArray());
        loaded.NaivePmi.ToArray().Should().Equal(table.NaivePmi.ToArray());
        loaded.Pmi.ToArray().Should().Equal(table.Pmi.ToArray());
        loaded.Npmi.ToArray().Should().Equal(table.Npmi.ToArray(), (a, b) => a.Equals(b), "NaN (below c) stays NaN");
        table.Npmi.ToArray().Should().Contain(double.NaN, "some k-mers are below c and unseen k-mers have no PMI");
    }

    [Test]
    public void Loads_the_published_upstream_format_and_recovers_the_counts()
    {
        // A fixture in the exact published column layout, written from counts with the published recipe as the
        // brute-force reference computes it (p = f / (2 · windows), 1/2-mer segmentations, cuts 1…k−2, c = 101).
        var counts = Reference.RandomCounts(3, seed: 42, max: 5000);
        var fixture = new StringBuilder("ngram,naive.pmi,true.pmi,dp.true.pmi,norm_dp_true_pmi,ngram_size,naive.pmi.rank,dp.true.pmi.rank,norm_dp_true_pmi_rank,adv_pmi_rank_drop,norm_adv_pmi_rank_drop,norm_pmi_rank_rel\n");
        foreach (var w in Reference.AllNgrams(3))
        {
            var f = counts.Count(w);
            var naive = Reference.LogP(counts, w, 2) - w.Sum(c => Reference.LogP(counts, c.ToString(), 2));
            var truePmi = Reference.LogP(counts, w, 2) - Reference.LogP(counts, w[..1], 2) - Reference.LogP(counts, w[1..], 2);
            var dp = Reference.MinimumPmi(counts, w, parts => parts.All(p => p.Length <= 2), factor: 2);
            var npmi = f >= 101 ? (dp * Math.Log(f) / (Math.Log(f) + Math.Log(101))).ToString("R", CultureInfo.InvariantCulture) : "NA";
            fixture.Append(CultureInfo.InvariantCulture, $"\"{w}\",{naive:R},{truePmi:R},{dp:R},{npmi},3,1,1,1,0,0,1\n");
        }

        var path = Path.Combine(_folder, "published.csv");
        File.WriteAllText(path, fixture.ToString());
        var loaded = PmiTable.Load(path);
        var computed = PmiTable.Compute(counts, new PmiOptions { K = 3, Definition = PmiDefinition.GeneMaskPublished });

        loaded.Definition.Should().Be(PmiDefinition.GeneMaskPublished);
        loaded.MinCount.Should().Be(101);
        loaded.RanksByTokenId.ToArray().Should().Equal(computed.RanksByTokenId.ToArray());
        for (var code = 0; code < 64; code++)
        {
            loaded.Pmi[code].Should().BeApproximately(computed.Pmi[code], 1e-12);
            loaded.NaivePmi[code].Should().BeApproximately(computed.NaivePmi[code], 1e-12);
            if (counts.Count(3, code) >= 101)
            {
                loaded.Counts[code].Should().Be(counts.Count(3, code), "f is recovered from NPMI and PMI");
            }
            else
            {
                loaded.Counts[code].Should().Be(-1);
                loaded.Entry(code).Count.Should().BeNull();
            }
        }

        // Saved in our format and read back: same ranks.
        var ours = Path.Combine(_folder, "ours.csv");
        loaded.Save(ours);
        PmiTable.Load(ours).RanksByTokenId.ToArray().Should().Equal(loaded.RanksByTokenId.ToArray());
    }

    [TestCase("ngram,count,naive_pmi,pmi,rank\nAA,1,0,0,1\n", "*line 1*missing column(s) npmi*")]
    [TestCase("ngram,count,naive_pmi,pmi,npmi,rank\nAA,5,0.1,0.1,0.1,1\nAT,5,0.1,0.1,0.1,2\nAA,5,0.1,0.1,0.1,3\n", "*line 4*duplicate k-mer 'AA'*")]
    [TestCase("ngram,count,naive_pmi,pmi,npmi,rank\nAA,5,0.1,0.1,0.1,1\nATG,5,0.1,0.1,0.1,2\n", "*line 3*'ATG' has length 3; expected 2-mers*")]
    [TestCase("ngram,count,naive_pmi,pmi,npmi,rank\nAA,5,0.1,x1,0.1,1\n", "*line 2*column pmi*'x1'*")]
    [TestCase("ngram,count,naive_pmi,pmi,npmi,rank\nAN,5,0.1,0.1,0.1,1\n", "*line 2*'AN' is not a k-mer*")]
    [TestCase("ngram,count,naive_pmi,pmi,npmi,rank\nAA,5,0.1,0.1,0.1,1\n", "*1 k-mer rows*needs all 16*")]
    [TestCase("", "*empty*")]
    public void Bad_table_csv_is_reported_with_file_line_and_value(string text, string message)
    {
        var path = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(path, text);
        var act = () => PmiTable.Load(path);
        act.Should().Throw<PmiFormatException>().WithMessage($"{path}*").And.Message.Should().Match(message);
    }

    [Test]
    public void Wrong_k_is_reported()
    {
        var path = Path.Combine(_folder, "k2.csv");
        PmiTable.Compute(Reference.RandomCounts(2, 3), new PmiOptions { K = 2, MinCount = 1 }).Save(path);
        var act = () => PmiTable.Load(path, expectedK: 6);
        act.Should().Throw<PmiFormatException>().WithMessage("*line 2*length 2; expected 6-mers*");
    }

    [Test]
    public void Counts_round_trip_in_binary_and_csv()
    {
        var records = Reference.ReadFasta(GeneMask.Tests.TestData.Genome("phage_lambda_NC_001416.fa"));
        var counts = NgramCounter.Count(records.Single().Bases, 7);
        var binary = Path.Combine(_folder, "counts.bin");
        var csv = Path.Combine(_folder, "counts.csv");
        counts.Save(binary);
        counts.Save(csv);

        new FileInfo(binary).Length.Should().Be(12 + (8L * Enumerable.Range(1, 7).Sum(n => 1L << (2 * n))) + 16, "header, counts, checksum");
        File.ReadLines(csv).First().Should().Be("ngram,count");
        NgramCounts.Load(binary).ContentEquals(counts).Should().BeTrue();
        NgramCounts.Load(csv).ContentEquals(counts).Should().BeTrue();
        counts.Bases.Should().Be(48_502);
        counts.Windows(7).Should().Be(48_502 - 6);
    }

    [Test]
    public void Merged_shard_counts_equal_the_counts_of_the_whole()
    {
        var records = Reference.ReadFasta(GeneMask.Tests.TestData.Genome("celegans_fragments.fa"));
        var whole = new NgramCounter(6);
        var shards = new[] { new NgramCounter(6), new NgramCounter(6), new NgramCounter(6) };
        for (var i = 0; i < records.Count; i++)
        {
            whole.Append(records[i].Bases);
            whole.EndSequence();
            shards[i % 3].Append(records[i].Bases);
            shards[i % 3].EndSequence();
        }

        var paths = shards.Select((s, i) => Path.Combine(_folder, $"shard{i}{(i == 1 ? ".csv" : ".bin")}")).ToList();
        for (var i = 0; i < 3; i++)
        {
            shards[i].ToCounts().Save(paths[i]);
        }

        var merged = NgramCounts.Merge(paths.Select(NgramCounts.Load));
        merged.ContentEquals(whole.ToCounts()).Should().BeTrue();
        merged.Count("ACGTAC").Should().Be(shards.Sum(s => s.ToCounts().Count("ACGTAC")));

        var mismatch = () => NgramCounts.Merge([whole.ToCounts(), NgramCounter.Count("ACGT", 3)]);
        mismatch.Should().Throw<ArgumentException>().WithMessage("*same K*");
    }

    [TestCase("ngram\nA\n", "*line 1*missing column(s)*count*")]
    [TestCase("ngram,count\nA,1\nC,2\nA,3\n", "*line 4*duplicate n-gram 'A'*")]
    [TestCase("ngram,count\nA,1\nC,-2\n", "*line 3*count '-2'*")]
    [TestCase("ngram,count\nA,1\nCXG,2\n", "*line 3*'CXG' is not an n-gram*")]
    [TestCase("ngram,count\nA,1\nACGTACG,2\n", "*line 3*'ACGTACG' has length 7; expected at most 6*")]
    public void Bad_counts_csv_is_reported_with_file_line_and_value(string text, string message)
    {
        var path = Path.Combine(_folder, "bad-counts.csv");
        File.WriteAllText(path, text);
        var act = () => NgramCounts.LoadCsv(File.OpenRead(path), path, expectedK: 6);
        act.Should().Throw<PmiFormatException>().WithMessage($"{path}*").And.Message.Should().Match(message);
    }

    [Test]
    public void Bad_binary_counts_are_reported()
    {
        var path = Path.Combine(_folder, "bad.bin");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("not counts at all"));
        ((Action)(() => NgramCounts.Load(path))).Should().Throw<PmiFormatException>().WithMessage($"{path}*magic*");

        NgramCounter.Count("ACGTTA", 3).Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^24]);
        ((Action)(() => NgramCounts.Load(path))).Should().Throw<PmiFormatException>().WithMessage($"{path}*truncated*length 3*");
        File.WriteAllBytes(path, bytes[..^8]);
        ((Action)(() => NgramCounts.Load(path))).Should().Throw<PmiFormatException>().WithMessage($"{path}*truncated*checksum*");
    }

    [Test]
    public void A_changed_byte_in_binary_counts_fails_the_checksum_and_the_earlier_form_still_loads()
    {
        var path = Path.Combine(_folder, "counts.bin");
        var counts = NgramCounter.Count("ACGTTAGGCA", 4);
        counts.Save(path);
        var bytes = File.ReadAllBytes(path);

        // One bit of one count (a value that stays a valid count) is enough.
        bytes[12 + (8 * 5)] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        ((Action)(() => NgramCounts.Load(path))).Should().Throw<PmiFormatException>().WithMessage($"{path}: checksum mismatch*changed or damaged*Count them again*");

        // The earlier form (magic GMNGRAM1, no checksum) is read as before.
        bytes[12 + (8 * 5)] ^= 0x01;
        File.WriteAllBytes(path, [.. "GMNGRAM1"u8, .. bytes[8..^16]]);
        NgramCounts.Load(path).ContentEquals(counts).Should().BeTrue();
    }

    [Test]
    public void A_table_whose_ranks_contradict_its_npmi_is_refused_naming_the_row()
    {
        var path = Path.Combine(_folder, "reranked.csv");
        PmiTable.LoadDefault().Save(path);
        var lines = File.ReadAllLines(path);
        var rank = Array.IndexOf(lines[0].Split(','), "rank");
        string[] Fields(int line) => lines[line].Split(',');
        var (a, b) = (Fields(3), Fields(4)); // ranks 3 and 4, whose NPMI differ
        a[^2].Should().NotBe(b[^2]);
        (a[rank], b[rank]) = (b[rank], a[rank]);
        (lines[3], lines[4]) = (string.Join(',', a), string.Join(',', b));
        File.WriteAllLines(path, lines);

        var act = () => PmiTable.Load(path);
        act.Should().Throw<PmiFormatException>().WithMessage($"{path}, line 4: rank 4 ('{a[0]}', npmi *) comes after rank 3 ('{b[0]}', npmi *, line 5); ranks must order the k-mers by descending npmi*");

        // Swapping whole rows (k-mer and values) keeps ranks and values consistent: a different, valid table.
        lines = File.ReadAllLines(path);
        (a[rank], b[rank]) = (b[rank], a[rank]);
        (a[0], b[0]) = (b[0], a[0]);
        (lines[3], lines[4]) = (string.Join(',', a), string.Join(',', b));
        File.WriteAllLines(path, lines);
        PmiTable.Load(path).KmerAtRank(3).Should().Be(a[0]);
    }

    [Test]
    public void Counts_csv_may_list_only_some_ngrams()
    {
        var path = Path.Combine(_folder, "partial.csv");
        File.WriteAllText(path, "ngram,count\nAC,7\nA,3\nC,4\n");
        var counts = NgramCounts.Load(path);
        counts.K.Should().Be(2);
        counts.Windows(1).Should().Be(7);
        counts.Windows(2).Should().Be(7);
        counts.Count("GG").Should().Be(0);
    }

    [Test]
    public void Ranks_by_token_id_follow_the_vocabulary()
    {
        var table = PmiTable.LoadDefault();
        var tokenizer = KmerTokenizer.Create(6);
        table.RanksByTokenId.Length.Should().Be(tokenizer.VocabularySize);
        foreach (var id in new[] { 5, 6, 100, 2000, 4100 })
        {
            table.RankOfTokenId(id).Should().Be(table.RankOf(tokenizer.GetToken(id)));
        }

        for (var special = 0; special < SpecialTokens.Count; special++)
        {
            table.RankOfTokenId(special).Should().Be(table.WorstRank);
        }

        table.RankOfTokenId(-1).Should().Be(4097);
        table.RankOfTokenId(4101).Should().Be(4097);
        table.KmerAtRank(table.RankOf("TGTGTG")).Should().Be("TGTGTG");
    }
}

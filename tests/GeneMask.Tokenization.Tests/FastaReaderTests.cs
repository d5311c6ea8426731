using System.IO.Compression;
using System.Text;

namespace GeneMask.Tokenization.Tests;

public class FastaReaderTests
{
    // Expected counts were computed once with the shell, e.g.
    //   zcat -f FILE | grep -c '>'                                  (records)
    //   zcat -f FILE | grep -v '>' | tr -d '\n' | wc -c             (bases)
    //   zcat -f FILE | grep -v '>' | tr -d '\n' | tr -cd 'N' | wc -c (N)
    //   zcat -f FILE | grep -v '>' | tr -d '\n' | tr -cd 'acgtn' | wc -c (soft-masked)
    [TestCase("hg38_chr2_1-2333275.fa.gz", 1, 2_333_275L, 10_000L, 831_507L)]
    [TestCase("ecoli_536_NC_008253.fna.gz", 1, 4_938_920L, 0L, 0L)]
    [TestCase("celegans_fragments.fa", 7, 1_039_800L, 0L, 0L)]
    [TestCase("human_chrM.fa", 1, 16_569L, 0L, 1L)]
    [TestCase("phage_lambda_NC_001416.fa", 1, 48_502L, 0L, 0L)]
    public void Real_genomes_have_the_record_and_base_counts_of_zcat(string file, int records, long bases, long n, long lowerCase)
    {
        using var reader = FastaReader.Open(TestData.Genome(file));
        var all = reader.ReadRecords().ToList();

        all.Should().HaveCount(records);
        all.Sum(r => (long)r.Bases.Length).Should().Be(bases);
        all.Sum(r => r.Bases.LongCount(b => b == (byte)'N')).Should().Be(n);
        all.Sum(r => r.Bases.LongCount(b => b is (byte)'a' or (byte)'c' or (byte)'g' or (byte)'t' or (byte)'n')).Should().Be(lowerCase);
        all.Should().OnlyContain(r => r.Bases.All(b => "ACGTNacgtn".Contains((char)b, StringComparison.Ordinal)));
    }

    [Test]
    public void Multi_record_file_has_the_names_and_lengths_of_awk()
    {
        // awk '/^>/{if(n)print n, l; n=$1; l=0; next}{l+=length($0)}END{print n, l}' celegans_fragments.fa
        using var reader = FastaReader.Open(TestData.Genome("celegans_fragments.fa"));
        var records = reader.ReadRecords().Select(r => (r.Id, r.Bases.Length)).ToList();

        records.Should().Equal(
            ("CHROMOSOME_I", 1_009_800),
            ("CHROMOSOME_II", 5000),
            ("CHROMOSOME_III", 5000),
            ("CHROMOSOME_IV", 5000),
            ("CHROMOSOME_V", 5000),
            ("CHROMOSOME_X", 5000),
            ("CHROMOSOME_MtDNA", 5000));
    }

    [Test]
    public void Header_is_split_into_name_and_description()
    {
        using var reader = FastaReader.Open(TestData.Genome("ecoli_536_NC_008253.fna.gz"));
        var record = reader.ReadRecords().Single();

        record.Id.Should().Be("gi|110640213|ref|NC_008253.1|");
        record.Description.Should().Be("Escherichia coli 536, complete genome");
    }

    [TestCase(1000)]
    [TestCase(4999)]
    [TestCase(5000)]
    [TestCase(65_536)]
    public void Chunks_concatenate_to_the_records(int chunkSize)
    {
        var path = TestData.Genome("celegans_fragments.fa");
        List<SequenceRecord> records;
        using (var reader = FastaReader.Open(path))
        {
            records = reader.ReadRecords().ToList();
        }

        using var chunked = FastaReader.Open(path);
        var rebuilt = new List<(string Id, byte[] Bases)>();
        var current = new List<byte>();
        string? currentId = null;
        foreach (var chunk in chunked.ReadChunks(chunkSize))
        {
            chunk.Bases.Length.Should().BeInRange(1, chunkSize);
            if (currentId is null)
            {
                currentId = chunk.RecordId;
            }

            chunk.RecordId.Should().Be(currentId);
            chunk.Offset.Should().Be(current.Count);
            if (!chunk.IsRecordEnd)
            {
                chunk.Bases.Length.Should().Be(chunkSize, "only the last chunk of a record may be short");
            }

            current.AddRange(chunk.Bases.ToArray());
            if (chunk.IsRecordEnd)
            {
                rebuilt.Add((currentId, current.ToArray()));
                current.Clear();
                currentId = null;
            }
        }

        rebuilt.Select(r => r.Id).Should().Equal(records.Select(r => r.Id));
        for (var i = 0; i < records.Count; i++)
        {
            rebuilt[i].Bases.AsSpan().SequenceEqual(records[i].Bases).Should().BeTrue($"record {records[i].Id} must be rebuilt exactly");
        }
    }

    [Test]
    public void Chunked_reading_of_the_bgzip_genome_counts_every_base()
    {
        using var reader = FastaReader.Open(TestData.Genome("hg38_chr2_1-2333275.fa.gz"));
        long bases = 0;
        var ends = 0;
        foreach (var chunk in reader.ReadChunks(100_000))
        {
            chunk.Offset.Should().Be(bases);
            bases += chunk.Bases.Length;
            ends += chunk.IsRecordEnd ? 1 : 0;
        }

        bases.Should().Be(2_333_275);
        ends.Should().Be(1);
    }

    [Test]
    public void Hand_made_file_with_crlf_wrapping_blank_lines_and_soft_masking()
    {
        var text = "\r\n>first  one two \r\nACGTac\r\ngtNN\r\n\r\nTTT\r\n>empty\r\n>third\nAC GT\n\nacgt\n\n";
        var records = ReadString(text);

        records.Select(r => r.Id).Should().Equal("first", "empty", "third");
        records[0].Description.Should().Be("one two");
        Encoding.ASCII.GetString(records[0].Bases).Should().Be("ACGTacgtNNTTT");
        records[1].Bases.Should().BeEmpty();
        Encoding.ASCII.GetString(records[2].Bases).Should().Be("ACGTacgt");
    }

    [Test]
    public void Last_line_without_line_feed_is_read()
    {
        var records = ReadString(">a\nACGT\nTT");
        Encoding.ASCII.GetString(records.Single().Bases).Should().Be("ACGTTT");
    }

    [Test]
    public void Chunks_of_hand_made_records_respect_record_ends_and_exact_multiples()
    {
        using var reader = new FastaReader(new MemoryStream(Encoding.ASCII.GetBytes(">a\nACGT\nACGT\n\n>b\n>c\nAC\nG\n")), "chunks.fa");
        var chunks = reader.ReadChunks(4).Select(c => (c.RecordId, c.Offset, Encoding.ASCII.GetString(c.Bases.Span), c.IsRecordEnd)).ToList();

        chunks.Should().Equal(
            ("a", 0L, "ACGT", false),
            ("a", 4L, "ACGT", true),
            ("b", 0L, string.Empty, true),
            ("c", 0L, "ACG", true));
    }

    [Test]
    public void Very_long_header_and_unwrapped_sequence_longer_than_the_buffer()
    {
        var description = new string('d', 600_000);
        var bases = new string('A', 700_000) + new string('c', 300_001);
        var records = ReadString($">id {description}\n{bases}\n>x\nG");

        records[0].Description.Should().Be(description);
        Encoding.ASCII.GetString(records[0].Bases).Should().Be(bases);
        Encoding.ASCII.GetString(records[1].Bases).Should().Be("G");
    }

    [Test]
    public void Sequence_before_any_header_names_file_and_line()
    {
        var act = () => ReadString("\nACGT\n>a\nACGT\n", "headless.fa");
        act.Should().Throw<SequenceFormatException>().WithMessage("headless.fa, line 2: sequence before any header*'>'*");
    }

    [Test]
    public void Empty_file_is_an_error()
    {
        var act = () => ReadString(string.Empty, "empty.fa");
        act.Should().Throw<SequenceFormatException>().WithMessage("empty.fa, line 1: empty file*");

        var blank = () => ReadString("\n\n  \n", "blank.fa");
        blank.Should().Throw<SequenceFormatException>().WithMessage("blank.fa*no FASTA record*");
    }

    [Test]
    public void Binary_garbage_is_an_error()
    {
        var random = new Random(7);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        garbage[0] = 0x00;
        var act = () => Read(garbage, "garbage.bin");
        act.Should().Throw<SequenceFormatException>().WithMessage("garbage.bin, line 1: *byte 0x00 (binary data?)*");

        var embedded = Encoding.ASCII.GetBytes(">a\nACGT\nAC\0GT\n");
        var inSequence = () => Read(embedded, "embedded.fa");
        inSequence.Should().Throw<SequenceFormatException>().WithMessage("embedded.fa, line 3: unexpected byte 0x00*column 3*expected sequence letters*");
    }

    [Test]
    public void Reading_twice_is_refused()
    {
        using var reader = new FastaReader(new MemoryStream(Encoding.ASCII.GetBytes(">a\nA\n")), "once.fa");
        reader.ReadRecords().Should().HaveCount(1);
        var again = () => reader.ReadRecords().ToList();
        again.Should().Throw<InvalidOperationException>();
    }

    private static List<SequenceRecord> ReadString(string text, string name = "test.fa") => Read(Encoding.ASCII.GetBytes(text), name);

    private static List<SequenceRecord> Read(byte[] data, string name)
    {
        using var reader = new FastaReader(new MemoryStream(data), name);
        return reader.ReadRecords().ToList();
    }
}

using System.IO.Compression;
using System.Text;

namespace GeneMask.Tokenization.Tests;

public class SequenceFileTests
{
    private static readonly string Bgzip = TestData.Genome("hg38_chr2_1-2333275.fa.gz");

    [Test]
    public void Bgzip_file_is_read_to_the_end_of_all_members()
    {
        // zcat hg38_chr2_1-2333275.fa.gz | wc -c  → 2379948 bytes in 38 bgzip members
        using var stream = SequenceFile.OpenRead(Bgzip);
        CountBytes(stream).Should().Be(2_379_948);
    }

    [TestCase(1)]
    [TestCase(9)]
    [TestCase(28)] // exactly bgzip's end-of-file block: the data members are complete, but the file is cut
    [TestCase(377_211)]
    [TestCase(754_400)]
    public void Truncated_bgzip_throws_naming_the_file(int cutBytes)
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(Bgzip);
        var truncated = folder.Write("cut.fa.gz", bytes.AsSpan(0, bytes.Length - cutBytes).ToArray());

        var act = () =>
        {
            using var reader = FastaReader.Open(truncated);
            return reader.ReadRecords().Sum(r => r.Bases.Length);
        };

        act.Should().Throw<SequenceFormatException>().WithMessage($"{truncated}: *truncated*");
    }

    [Test]
    public void Corrupt_gzip_throws_naming_the_file()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(TestData.Genome("ecoli_536_NC_008253.fna.gz"));
        bytes[bytes.Length / 2] ^= 0x5A;
        var corrupt = folder.Write("corrupt.fna.gz", bytes);

        var act = () => CountBytes(SequenceFile.OpenRead(corrupt));

        act.Should().Throw<SequenceFormatException>().WithMessage($"{corrupt}: *corrupt*");
    }

    [Test]
    public void Plain_multi_member_gzip_is_read_completely_and_trailing_garbage_is_refused()
    {
        using var folder = new TempFolder();
        var members = Gzip(">a\nACGT\n").Concat(Gzip("AAAA\n>b\nCC")).Concat(Gzip(string.Empty)).Concat(Gzip("GG\n")).ToArray();
        var path = folder.Write("two.fa", members); // gzip detected by content, not by name

        using (var reader = FastaReader.Open(path))
        {
            reader.ReadRecords().Select(r => (r.Id, Encoding.ASCII.GetString(r.Bases))).Should().Equal(("a", "ACGTAAAA"), ("b", "CCGG"));
        }

        var withGarbage = folder.Write("garbage.fa", [.. members, .. "junk"u8.ToArray()]);
        var act = () => CountBytes(SequenceFile.OpenRead(withGarbage));
        act.Should().Throw<SequenceFormatException>().WithMessage($"{withGarbage}: unexpected data after gzip member*");
    }

    [Test]
    public void Plain_file_named_gz_is_read_as_plain_text()
    {
        using var folder = new TempFolder();
        var path = folder.Write("plain.fa.gz", ">x\nACGT\n");
        SequenceFile.IsGzip(path).Should().BeFalse();
        using var reader = FastaReader.Open(path);
        reader.ReadRecords().Single().Bases.Should().Equal("ACGT"u8.ToArray());
    }

    [Test]
    public void Large_gzip_member_with_name_field_matches_gzip_stream()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllBytes(TestData.Genome("phage_lambda_NC_001416.fa"));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(text);
        }

        // Insert an FNAME field by hand (flag 0x08) to exercise header parsing.
        var raw = compressed.ToArray();
        byte[] withName = [.. raw[..3], (byte)(raw[3] | 0x08), .. raw[4..10], .. "lambda.fa\0"u8.ToArray(), .. raw[10..]];
        var path = folder.Write("lambda.fa.gz", withName);

        using var stream = SequenceFile.OpenRead(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.ToArray().Should().Equal(text);
    }

    private static byte[] Gzip(string text)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.ASCII.GetBytes(text));
        }

        return memory.ToArray();
    }

    private static long CountBytes(Stream stream)
    {
        using (stream)
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
            }

            return total;
        }
    }
}

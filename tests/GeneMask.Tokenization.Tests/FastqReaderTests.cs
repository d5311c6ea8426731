using System.IO.Compression;
using System.Text;

namespace GeneMask.Tokenization.Tests;

public class FastqReaderTests
{
    [Test]
    public void Reads_records_with_qualities_crlf_and_gzip()
    {
        const string text = "@r1 first read\r\nACGTN\r\n+\r\nIIII#\r\n\r\n@r2\nacg\n+r2\n!!~\n";
        using var folder = new TempFolder();
        var path = folder.File("reads.fq.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.ASCII.GetBytes(text));
        }

        using var reader = FastqReader.Open(path);
        var records = reader.ReadRecords().ToList();

        records.Select(r => (r.Id, r.Description, Encoding.ASCII.GetString(r.Bases), Encoding.ASCII.GetString(r.Qualities)))
            .Should().Equal(("r1", "first read", "ACGTN", "IIII#"), ("r2", string.Empty, "acg", "!!~"));
    }

    [TestCase("@r1\nACGT\n+\nIII\n", "reads.fq, line 4: record 'r1' has 3 quality values for 4 bases*")]
    [TestCase("@r1\nACGT\n-\nIIII\n", "reads.fq, line 3: expected the '+' separator line*")]
    [TestCase("ACGT\n", "reads.fq, line 1: expected a FASTQ header line starting with '@'*")]
    [TestCase("@r1\nACGT\n+\nIIII\n@r2\nACGT\n", "reads.fq, line 7: record 'r2' is cut short*'+'*")]
    [TestCase("", "reads.fq, line 1: empty file*")]
    [TestCase("@r1\nAC\u0001T\n+\nIIII\n", "reads.fq, line 2: unexpected byte 0x01*column 3*")]
    [TestCase("@r1\nACGT\n+\nII I\n", "reads.fq, line 4: unexpected ' ' at column 3*quality*")]
    public void Malformed_fastq_names_file_and_line(string text, string message)
    {
        using var reader = new FastqReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), "reads.fq");
        var act = () => reader.ReadRecords().ToList();
        act.Should().Throw<SequenceFormatException>().WithMessage(message);
    }
}

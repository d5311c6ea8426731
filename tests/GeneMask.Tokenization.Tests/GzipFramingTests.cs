using System.IO.Compression;

namespace GeneMask.Tokenization.Tests;

public class GzipFramingTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_multi_member_files_decompress_exactly_even_through_a_trickling_stream(int seed)
    {
        var random = new Random(seed);
        var source = File.ReadAllBytes(TestData.Genome("phage_lambda_NC_001416.fa"));
        using var compressed = new MemoryStream();
        using var expected = new MemoryStream();
        for (var member = 0; member < 40; member++)
        {
            // Member sizes from empty to 40 kB, mixed compression levels (stored blocks included).
            var length = member % 7 == 0 ? 0 : random.Next(1, 40_000);
            var start = random.Next(0, source.Length - length);
            var level = (CompressionLevel)random.Next(0, 4);
            using (var gzip = new GZipStream(compressed, level, leaveOpen: true))
            {
                gzip.Write(source, start, length);
            }

            expected.Write(source, start, length);
        }

        foreach (var maxRead in new[] { 3, 4096, 1 << 20 })
        {
            using var stream = SequenceFile.OpenRead(new TricklingStream(compressed.ToArray(), maxRead, seed), "members.gz");
            using var output = new MemoryStream();
            stream.CopyTo(output);
            output.ToArray().AsSpan().SequenceEqual(expected.ToArray()).Should().BeTrue($"reads of at most {maxRead} bytes must give the same data");
        }
    }

    /// <summary>A non-seekable stream that returns at most a few bytes per read.</summary>
    private sealed class TricklingStream(byte[] data, int maxRead, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, _random.Next(1, maxRead + 1)), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

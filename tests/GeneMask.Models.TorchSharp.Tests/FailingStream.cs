namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>A stream that throws once a write would pass a byte offset: a simulated crash mid-write.</summary>
internal sealed class FailingStream(Stream inner, long failAfter) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (inner.Position + count > failAfter)
        {
            throw new IOException("simulated disk failure");
        }

        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (inner.Position + buffer.Length > failAfter)
        {
            throw new IOException("simulated disk failure");
        }

        inner.Write(buffer);
    }
}

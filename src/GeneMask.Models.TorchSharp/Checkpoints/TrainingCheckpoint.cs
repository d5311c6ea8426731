using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using GeneMask.Infrastructure;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Checkpoints;

/// <summary>
/// One file holding model weights (safetensors), optimizer state and <see cref="CheckpointState"/>, written through
/// <see cref="AtomicFile"/> so a crash mid-write leaves the previous checkpoint as it was.
/// Layout: magic, JSON state, model section, optimizer section (each with its byte length), end marker, and the
/// XxHash128 of everything before it. The new file is read back and its checksum computed from what is on disk
/// before it replaces the previous checkpoint; <see cref="Read"/> verifies the checksum before loading anything.
/// </summary>
internal static class TrainingCheckpoint
{
    private static readonly byte[] Magic = "GMCKPT02"u8.ToArray();
    private static readonly byte[] OldMagic = "GMCKPT01"u8.ToArray();
    private static readonly byte[] EndMarker = "GMCKEND1"u8.ToArray();
    private const int ChecksumLength = 16;

    /// <summary>Writes a checkpoint atomically; <paramref name="wrapStream"/> lets tests inject failures.</summary>
    public static void Write(string path, CheckpointState state, nn.Module model, OptimizerHelper optimizer, Func<Stream, Stream>? wrapStream = null)
    {
        AtomicFile.Write(path, target =>
        {
            var stream = wrapStream?.Invoke(target) ?? target;
            stream.Write(Magic);
            var json = JsonSerializer.SerializeToUtf8Bytes(state);
            WriteInt64(stream, json.Length);
            stream.Write(json);
            WriteSection(stream, s => BertCheckpoint.WriteSafetensors(model, s));
            WriteSection(stream, s =>
            {
                using var writer = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
                optimizer.save_state_dict(writer);
            });
            stream.Write(EndMarker);
            stream.Flush();

            // The checksum is computed from the bytes read back from the file: a write that did not reach it whole fails here.
            if (target is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                target.Flush();
            }

            var length = target.Position;
            var checksum = HashPrefix(target, length);
            target.Position = length;
            target.Write(checksum);
        });
    }

    /// <summary>Checks the end marker and the checksum of a whole checkpoint file.</summary>
    /// <exception cref="CorruptCheckpointException">The file is truncated, damaged, or not a current checkpoint.</exception>
    public static void Verify(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        Verify(stream, path);
    }

    private static void Verify(FileStream stream, string path)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length)
        {
            throw new CorruptCheckpointException(path, $"{path}: truncated checkpoint ({stream.Length} bytes).");
        }

        if (magic.SequenceEqual(OldMagic))
        {
            throw new CorruptCheckpointException(path, $"{path}: written by an earlier GeneMask version, without a checksum; it cannot be verified.");
        }

        if (!magic.SequenceEqual(Magic))
        {
            throw new CorruptCheckpointException(path, $"{path}: not a GeneMask training checkpoint (bad magic).");
        }

        var contentLength = stream.Length - ChecksumLength;
        Span<byte> tail = stackalloc byte[EndMarker.Length + ChecksumLength];
        if (contentLength < Magic.Length + EndMarker.Length)
        {
            throw new CorruptCheckpointException(path, $"{path}: truncated checkpoint ({stream.Length} bytes).");
        }

        stream.Position = contentLength - EndMarker.Length;
        stream.ReadExactly(tail);
        if (!tail[..EndMarker.Length].SequenceEqual(EndMarker))
        {
            throw new CorruptCheckpointException(path, $"{path}: the end marker is missing; the checkpoint is truncated or incomplete.");
        }

        var computed = HashPrefix(stream, contentLength);
        if (!tail[EndMarker.Length..].SequenceEqual(computed))
        {
            throw new CorruptCheckpointException(path, $"{path}: checksum mismatch (XxHash128 {Convert.ToHexStringLower(computed)}, stored {Convert.ToHexStringLower(tail[EndMarker.Length..])}); the file was damaged after it was written.");
        }

        stream.Position = 0;
    }

    private static byte[] HashPrefix(Stream stream, long length)
    {
        var hash = new XxHash128();
        var buffer = new byte[1 << 20];
        stream.Position = 0;
        for (var remaining = length; remaining > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new EndOfStreamException("The checkpoint file is shorter than what was written.");
            }

            hash.Append(buffer.AsSpan(0, read));
            remaining -= read;
        }

        return hash.GetCurrentHash();
    }

    /// <summary>Reads only the state record (cheap: no tensors).</summary>
    public static CheckpointState ReadState(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>Loads weights and optimizer state into existing objects and returns the state record.</summary>
    /// <exception cref="CorruptCheckpointException">The file is truncated or damaged (checksum), or an earlier format.</exception>
    /// <exception cref="CheckpointFormatException">The checkpoint does not fit the model.</exception>
    public static CheckpointState Read(string path, nn.Module model, OptimizerHelper optimizer, bool verify = true)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        if (verify)
        {
            Verify(stream, path);
        }

        var state = ReadHeader(stream, path);
        var modelLength = ReadInt64(stream, path);
        var modelStart = stream.Position;
        try
        {
            BertCheckpoint.ReadSafetensorsInto(model, stream);
        }
        catch (Exception e) when (e is CheckpointFormatException or InvalidDataException)
        {
            throw new CheckpointFormatException($"{path}: {e.Message}", e);
        }

        stream.Position = modelStart + modelLength;
        var optimizerLength = ReadInt64(stream, path);
        var optimizerStart = stream.Position;
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointFormatException($"{path}: the optimizer state does not fit this model ({e.Message}).", e);
        }

        stream.Position = optimizerStart + optimizerLength;
        Span<byte> end = stackalloc byte[EndMarker.Length];
        if (stream.ReadAtLeast(end, end.Length, throwOnEndOfStream: false) != end.Length || !end.SequenceEqual(EndMarker))
        {
            throw new CheckpointFormatException($"{path}: the end marker is missing; the checkpoint is incomplete.");
        }

        return state;
    }

    private static CheckpointState ReadHeader(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !(magic.SequenceEqual(Magic) || magic.SequenceEqual(OldMagic)))
        {
            throw new CorruptCheckpointException(path, $"{path}: not a GeneMask training checkpoint (bad magic).");
        }

        var length = ReadInt64(stream, path);
        if (length is <= 0 or > 1 << 26)
        {
            throw new CorruptCheckpointException(path, $"{path}: implausible state length {length}.");
        }

        var json = new byte[length];
        if (stream.ReadAtLeast(json, json.Length, throwOnEndOfStream: false) != json.Length)
        {
            throw new CorruptCheckpointException(path, $"{path}: truncated checkpoint.");
        }

        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(json)
                ?? throw new CorruptCheckpointException(path, $"{path}: the training state is empty.");
        }
        catch (JsonException e)
        {
            throw new CorruptCheckpointException(path, $"{path}: the training state is not readable JSON ({e.Message}).");
        }
    }

    private static void WriteSection(Stream stream, Action<Stream> write)
    {
        var lengthPosition = stream.Position;
        WriteInt64(stream, 0);
        var start = stream.Position;
        write(stream);
        var end = stream.Position;
        stream.Position = lengthPosition;
        WriteInt64(stream, end - start);
        stream.Position = end;
    }

    private static void WriteInt64(Stream stream, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        stream.Write(buffer);
    }

    private static long ReadInt64(Stream stream, string path)
    {
        Span<byte> buffer = stackalloc byte[8];
        if (stream.ReadAtLeast(buffer, 8, throwOnEndOfStream: false) != 8)
        {
            throw new CorruptCheckpointException(path, $"{path}: truncated checkpoint.");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(buffer);
    }
}

using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GeneMask.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Checkpoints;

/// <summary>Everything besides tensors that a resumed run needs to continue exactly where it stopped.</summary>
internal sealed record CheckpointState
{
    /// <summary>Optimizer steps completed.</summary>
    public required long Step { get; init; }

    /// <summary>Training micro-batches consumed (the data position).</summary>
    public required long BatchesConsumed { get; init; }

    /// <summary>The run seed (a resumed run must use the same).</summary>
    public required long Seed { get; init; }

    /// <summary>The serialised curriculum scheduler state.</summary>
    public required string CurriculumStateJson { get; init; }

    /// <summary>Torch's CPU generator state.</summary>
    public required byte[] RngState { get; init; }

    /// <summary>Hash of the options that must not change across a resume (steps, batch, schedule, corpus).</summary>
    public required string RunFingerprint { get; init; }

    /// <summary>The fp16 loss scaler's state (scale, clean steps, skipped steps); null without one.</summary>
    public LossScalerState? LossScaler { get; init; }
}

/// <summary>What <see cref="Training.DynamicLossScaler"/> needs to continue exactly.</summary>
/// <param name="Scale">The current loss scale.</param>
/// <param name="CleanSteps">Clean steps since the last change of the scale.</param>
/// <param name="SkippedSteps">Steps skipped so far.</param>
internal sealed record LossScalerState(double Scale, int CleanSteps, long SkippedSteps);

/// <summary>
/// One file holding model weights (safetensors), optimizer state and <see cref="CheckpointState"/>, written through
/// <see cref="AtomicFile"/> so a crash mid-write leaves the previous checkpoint as it was.
/// Layout: magic, JSON state, model section, optimizer section (each with its byte length), end marker.
/// </summary>
internal static class TrainingCheckpoint
{
    private static readonly byte[] Magic = "GMCKPT01"u8.ToArray();
    private static readonly byte[] EndMarker = "GMCKEND1"u8.ToArray();

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
        });
    }

    /// <summary>Reads only the state record (cheap: no tensors).</summary>
    public static CheckpointState ReadState(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>Loads weights and optimizer state into existing objects and returns the state record.</summary>
    /// <exception cref="InvalidDataException">The file is not a complete checkpoint, or does not fit the model.</exception>
    public static CheckpointState Read(string path, nn.Module model, OptimizerHelper optimizer)
    {
        using var stream = File.OpenRead(path);
        var state = ReadHeader(stream, path);
        var modelLength = ReadInt64(stream, path);
        var modelStart = stream.Position;
        try
        {
            BertCheckpoint.ReadSafetensorsInto(model, stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        stream.Position = modelStart + modelLength;
        var optimizerLength = ReadInt64(stream, path);
        var optimizerStart = stream.Position;
        using (var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
        {
            optimizer.load_state_dict(reader);
        }

        stream.Position = optimizerStart + optimizerLength;
        Span<byte> end = stackalloc byte[EndMarker.Length];
        if (stream.ReadAtLeast(end, end.Length, throwOnEndOfStream: false) != end.Length || !end.SequenceEqual(EndMarker))
        {
            throw new InvalidDataException($"{path}: the end marker is missing; the checkpoint is incomplete.");
        }

        return state;
    }

    private static CheckpointState ReadHeader(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a GeneMask training checkpoint (bad magic).");
        }

        var length = ReadInt64(stream, path);
        if (length is <= 0 or > 1 << 26)
        {
            throw new InvalidDataException($"{path}: implausible state length {length}.");
        }

        var json = new byte[length];
        stream.ReadExactly(json);
        return JsonSerializer.Deserialize<CheckpointState>(json)
            ?? throw new InvalidDataException($"{path}: the training state is empty.");
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
            throw new InvalidDataException($"{path}: truncated checkpoint.");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(buffer);
    }
}

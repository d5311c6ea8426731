using System.Collections;
using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Checkpoints;

/// <summary>
/// Reads and writes BERT weights under Hugging Face state-dict keys: <c>pytorch_model.bin</c> (PyTorch pickle, read
/// through TorchSharp.PyBridge) and <c>.safetensors</c>. Loading is strict: every missing or unexpected key is listed.
/// A model folder this library exports also holds a manifest of its files' hashes (<c>manifest.json</c>), checked on
/// every load; folders from elsewhere (a Hugging Face or DNABERT download) have none and load unchecked.
/// </summary>
public static class BertCheckpoint
{
    /// <summary>File name of our exported weights.</summary>
    public const string SafetensorsFileName = "model.safetensors";

    /// <summary>File name of PyTorch-pickled weights (DNABERT's release).</summary>
    public const string PyTorchFileName = "pytorch_model.bin";

    /// <summary>File name of the architecture.</summary>
    public const string ConfigFileName = "config.json";

    private const string TiedDecoderKey = "cls.predictions.decoder.weight";
    private const string WordEmbeddingsKey = "bert.embeddings.word_embeddings.weight";

    /// <summary>How the keys of a checkpoint must match a model.</summary>
    internal enum KeyPolicy
    {
        /// <summary>Every key of the model present (the tied decoder may be absent); only other BERT heads may be extra.</summary>
        MaskedLm,

        /// <summary>Every encoder key present; pooler and classifier optional; pretraining heads dropped.</summary>
        ClassifierFromPretrained,
    }

    /// <summary>
    /// Reads every tensor of a checkpoint: a <c>.safetensors</c> file, a PyTorch <c>.bin</c>/<c>.pt</c>/<c>.pth</c>
    /// state dict, or a directory holding <see cref="SafetensorsFileName"/> or <see cref="PyTorchFileName"/>.
    /// Old TensorFlow-style LayerNorm names (<c>gamma</c>/<c>beta</c>) are renamed to <c>weight</c>/<c>bias</c>.
    /// The caller owns (disposes) the tensors.
    /// </summary>
    /// <exception cref="FileNotFoundException">No weights file found.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a state dict of tensors.</exception>
    /// <exception cref="CheckpointFormatException">The folder's files do not match its manifest.</exception>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = ResolveWeightsFile(path);
        VerifyManifest(Path.GetDirectoryName(file)!);
        Dictionary<string, Tensor> raw;
        try
        {
            raw = file.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
                ? Safetensors.LoadStateDict(file)
                : FromHashtable(PyTorchUnpickler.UnpickleStateDict(file), file);
        }
        catch (Exception e) when (e is not CheckpointFormatException and not OutOfMemoryException)
        {
            throw new CheckpointFormatException($"{file}: cannot read a state dict ({e.GetType().Name}: {e.Message}).", e);
        }

        var result = new Dictionary<string, Tensor>(raw.Count, StringComparer.Ordinal);
        foreach (var (key, tensor) in raw)
        {
            result[NormalizeKey(key)] = tensor;
        }

        return result;
    }

    /// <summary>Writes every tensor of <paramref name="model"/>'s state dict as safetensors (atomically).</summary>
    public static void SaveSafetensors(nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream => WriteSafetensors(model, stream));
    }

    /// <summary>
    /// Writes a model folder: the weights, <see cref="ConfigFileName"/> (through <paramref name="writeConfig"/>) and the
    /// manifest of both. The old manifest goes first and the new one comes last, so a folder an interrupted export
    /// left half rewritten has none (and loads unchecked, as a folder from elsewhere).
    /// </summary>
    internal static void SaveFolder(nn.Module model, string directory, Action<string> writeConfig)
    {
        Directory.CreateDirectory(directory);
        var manifest = Path.Combine(directory, CorpusManifest.FileName);
        File.Delete(manifest);
        SaveSafetensors(model, Path.Combine(directory, SafetensorsFileName));
        writeConfig(Path.Combine(directory, ConfigFileName));
        CorpusManifest.Create(directory, [SafetensorsFileName, ConfigFileName]).Save(manifest);
    }

    /// <summary>Checks the files of <paramref name="directory"/> against its manifest, when it has one.</summary>
    /// <exception cref="CheckpointFormatException">A listed file is missing or differs.</exception>
    internal static void VerifyManifest(string directory)
    {
        try
        {
            CorpusManifest.VerifyIfPresent(directory, "the model", "Export it again: a pretraining resumed in its output folder rewrites model/ from its checkpoint.");
        }
        catch (GeneMaskFormatException e)
        {
            throw new CheckpointFormatException(e.Message, e);
        }
    }

    internal static void WriteSafetensors(nn.Module model, Stream stream)
    {
        // Contiguous CPU copies: safetensors stores raw little-endian bytes in row-major order.
        using var scope = NewDisposeScope();
        var state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous(), StringComparer.Ordinal);
        Safetensors.SaveStateDict(stream, state, leaveOpen: true);
    }

    internal static void ReadSafetensorsInto(nn.Module model, Stream stream)
    {
        var state = Safetensors.LoadStateDict(stream, leaveOpen: true);
        try
        {
            CopyInto(model, state, KeyPolicy.MaskedLm, "checkpoint", requireAll: true);
        }
        finally
        {
            foreach (var t in state.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Reads <see cref="ConfigFileName"/> in the checkpoint's folder (or the folder itself).</summary>
    /// <exception cref="FileNotFoundException">No <c>config.json</c> there.</exception>
    internal static BertConfig ReadConfigBeside(string path)
    {
        var directory = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(config))
        {
            throw new FileNotFoundException($"No {ConfigFileName} beside the checkpoint '{path}'; pass the BertConfig explicitly.", config);
        }

        return BertConfig.FromHuggingFaceJson(config);
    }

    internal static void LoadInto(nn.Module model, string path, KeyPolicy policy)
    {
        var state = ReadStateDict(path);
        try
        {
            CopyInto(model, state, policy, ResolveWeightsFile(path), requireAll: policy == KeyPolicy.MaskedLm);
        }
        finally
        {
            foreach (var t in state.Values)
            {
                t.Dispose();
            }
        }
    }

    private static void CopyInto(nn.Module model, Dictionary<string, Tensor> source, KeyPolicy policy, string sourceName, bool requireAll)
    {
        var target = model.state_dict();
        var missing = new List<string>();
        var unexpected = new List<string>();
        var mismatched = new List<string>();
        var assignments = new List<(Tensor Target, Tensor Source)>();

        foreach (var (key, tensor) in target)
        {
            if (source.TryGetValue(key, out var value))
            {
                if (!value.shape.SequenceEqual(tensor.shape))
                {
                    if (policy == KeyPolicy.ClassifierFromPretrained && key.StartsWith("classifier.", StringComparison.Ordinal))
                    {
                        continue; // A head for another number of classes: keep the fresh one.
                    }

                    mismatched.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: model [{string.Join(", ", tensor.shape)}], checkpoint [{string.Join(", ", value.shape)}]"));
                    continue;
                }

                assignments.Add((tensor, value));
            }
            else if (IsOptional(key, policy, source))
            {
                continue;
            }
            else
            {
                missing.Add(key);
            }
        }

        foreach (var key in source.Keys)
        {
            if (!target.ContainsKey(key) && !IsIgnorable(key, policy, target))
            {
                unexpected.Add(key);
            }
        }

        if (!requireAll)
        {
            // Only the encoder is mandatory when building a classifier from a pretrained model.
            missing.RemoveAll(k => !k.StartsWith("bert.embeddings.", StringComparison.Ordinal) && !k.StartsWith("bert.encoder.", StringComparison.Ordinal));
        }

        if (missing.Count > 0 || unexpected.Count > 0 || mismatched.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add($"missing keys ({missing.Count}): {string.Join(", ", missing)}");
            }

            if (unexpected.Count > 0)
            {
                parts.Add($"unexpected keys ({unexpected.Count}): {string.Join(", ", unexpected)}");
            }

            if (mismatched.Count > 0)
            {
                parts.Add($"shape mismatches ({mismatched.Count}): {string.Join("; ", mismatched)}");
            }

            throw new CheckpointFormatException($"{sourceName} does not match {model.GetName()}: {string.Join("; ", parts)}.");
        }

        using var noGrad = no_grad();
        foreach (var (t, s) in assignments)
        {
            t.copy_(s);
        }
    }

    // The tied decoder is the word-embedding matrix itself; checkpoints may omit it.
    private static bool IsOptional(string key, KeyPolicy policy, Dictionary<string, Tensor> source) =>
        (key == TiedDecoderKey && source.ContainsKey(WordEmbeddingsKey))
        || (policy == KeyPolicy.ClassifierFromPretrained
            && (key.StartsWith("bert.pooler.", StringComparison.Ordinal) || key.StartsWith("classifier.", StringComparison.Ordinal)));

    // Keys of the same BERT family that this model has no use for: the position-id buffer, the decoder bias alias,
    // the next-sentence head of BertForPreTraining checkpoints, a pooler the MLM model lacks, pretraining heads when
    // fine-tuning.
    private static bool IsIgnorable(string key, KeyPolicy policy, Dictionary<string, Tensor> target) =>
        key is "bert.embeddings.position_ids" or "cls.predictions.decoder.bias"
        || key.StartsWith("cls.seq_relationship.", StringComparison.Ordinal)
        || (key.StartsWith("bert.pooler.", StringComparison.Ordinal) && !target.Keys.Any(k => k.StartsWith("bert.pooler.", StringComparison.Ordinal)))
        || (policy == KeyPolicy.ClassifierFromPretrained && key.StartsWith("cls.", StringComparison.Ordinal));

    private static string NormalizeKey(string key)
    {
        if (key.EndsWith("LayerNorm.gamma", StringComparison.Ordinal))
        {
            return key[..^"gamma".Length] + "weight";
        }

        return key.EndsWith("LayerNorm.beta", StringComparison.Ordinal) ? key[..^"beta".Length] + "bias" : key;
    }

    private static string ResolveWeightsFile(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            foreach (var name in new[] { SafetensorsFileName, PyTorchFileName })
            {
                var candidate = Path.Combine(path, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException($"Neither {SafetensorsFileName} nor {PyTorchFileName} in '{path}'.", Path.Combine(path, SafetensorsFileName));
        }

        throw new FileNotFoundException($"Checkpoint '{path}' not found.", path);
    }

    private static Dictionary<string, Tensor> FromHashtable(Hashtable table, string file)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string key || entry.Value is not Tensor tensor)
            {
                throw new CheckpointFormatException($"{file}: entry '{entry.Key}' is not a named tensor; expected a state dict (torch.save(model.state_dict())).");
            }

            result[key] = tensor;
        }

        return result;
    }
}

using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction.Experiments;

/// <summary>The identity of a model folder from outside the experiment: the hash of its weights and configuration.</summary>
internal static class ModelIdentity
{
    /// <summary>
    /// The content hash of the model in <paramref name="directory"/>: its manifest's (checked against the files) when
    /// this library exported it, else the hash of its weights and <c>config.json</c> (a downloaded model).
    /// </summary>
    public static string Of(string directory)
    {
        var manifest = CorpusManifest.VerifyIfPresent(directory, "the model", "Export it again.");
        return manifest?.ContentHash ?? ResultIdentity.HashFiles(
            Directory.EnumerateFiles(directory).Where(f => Path.GetFileName(f) is BertCheckpoint.SafetensorsFileName or BertCheckpoint.ConfigFileName or BertCheckpoint.PyTorchFileName).Order(StringComparer.Ordinal));
    }
}

using GeneMask.Tokenization;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>An exported model folder lists its files' hashes; a load checks them where the list exists.</summary>
public sealed class ModelManifestTests
{
    [Test]
    public void A_changed_weight_byte_is_refused_naming_the_file_and_a_folder_without_manifest_loads()
    {
        var directory = Tiny.TempDirectory();
        using (var model = BertForMaskedLM.Create(Tiny.Config, seed: 1))
        {
            model.SavePretrained(directory);
        }

        var manifest = CorpusManifest.Verify(directory);
        manifest.Files.Select(f => f.Name).Should().Equal("model.safetensors", "config.json");
        using (BertForMaskedLM.FromPretrained(directory))
        {
        }

        // One byte deep in the weights: still a valid safetensors file, with one different number.
        var weights = Path.Combine(directory, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[^100] ^= 0x10;
        File.WriteAllBytes(weights, bytes);
        var load = () => BertForMaskedLM.FromPretrained(directory);
        load.Should().Throw<CheckpointFormatException>().WithMessage($"{weights} does not match {Path.Combine(directory, "manifest.json")}*the model is mixed, or was changed or damaged*Export it again*");
        var classifier = () => BertForSequenceClassification.FromPretrained(weights, 2, seed: 1);
        classifier.Should().Throw<CheckpointFormatException>().WithMessage("*model.safetensors does not match*");

        // A folder from elsewhere (no manifest), e.g. a Hugging Face download, loads as it is.
        File.Delete(Path.Combine(directory, "manifest.json"));
        using (BertForMaskedLM.FromPretrained(directory))
        {
        }

        Directory.Delete(directory, recursive: true);
    }
}

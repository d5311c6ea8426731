using System.Buffers.Binary;
using System.Text.Json;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

public sealed class CheckpointTests
{
    [Test]
    public void Safetensors_round_trip_restores_identical_outputs()
    {
        var dir = Tiny.TempDirectory();
        using var original = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        original.SavePretrained(dir);
        File.Exists(Path.Combine(dir, "model.safetensors")).Should().BeTrue();
        File.Exists(Path.Combine(dir, "config.json")).Should().BeTrue();

        using var loaded = BertForMaskedLM.FromPretrained(dir);
        loaded.Config.Should().Be(Tiny.Config);
        var (ids, mask, _) = Tiny.MaskedBatch(Tiny.GenomeRows(2, 24), seed: 3);
        original.eval();
        loaded.eval();
        using var noGrad = no_grad();
        loaded.call(ids, mask).allclose(original.call(ids, mask), 0, 0).Should().BeTrue();
    }

    [Test]
    public void Safetensors_file_follows_the_format_with_HF_key_names()
    {
        // Parse the file by hand: 8-byte little-endian header length, JSON index, raw little-endian data.
        var dir = Tiny.TempDirectory();
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 2);
        model.SavePretrained(dir);
        var bytes = File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var entry = header.RootElement.GetProperty("bert.encoder.layer.0.attention.self.query.weight");
        entry.GetProperty("dtype").GetString().Should().Be("F32");
        entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(32, 32);
        var start = 8 + headerLength + (int)entry.GetProperty("data_offsets")[0].GetInt64();
        var first = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start));
        var second = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start + 4));
        var weight = model.state_dict()["bert.encoder.layer.0.attention.self.query.weight"];
        first.Should().Be(weight[0, 0].item<float>());
        second.Should().Be(weight[0, 1].item<float>());
        header.RootElement.TryGetProperty("cls.predictions.decoder.weight", out _).Should().BeTrue();
    }

    [Test]
    public void PyTorch_pickled_state_dict_with_TF_style_names_and_extra_heads_loads()
    {
        // A DNABERT-like pytorch_model.bin: BertForPreTraining keys (pooler, next-sentence head, decoder bias
        // alias, position-id buffer), LayerNorm weights named gamma/beta, no separate decoder weight.
        var dir = Tiny.TempDirectory();
        using var source = BertForMaskedLM.Create(Tiny.Config, seed: 9);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in source.state_dict())
        {
            if (key == "cls.predictions.decoder.weight")
            {
                continue;
            }

            var renamed = key.EndsWith("LayerNorm.weight", StringComparison.Ordinal) ? key[..^"weight".Length] + "gamma"
                : key.EndsWith("LayerNorm.bias", StringComparison.Ordinal) ? key[..^"bias".Length] + "beta" : key;
            state[renamed] = value;
        }

        state["bert.pooler.dense.weight"] = randn(32, 32);
        state["bert.pooler.dense.bias"] = zeros(32);
        state["cls.seq_relationship.weight"] = randn(2, 32);
        state["cls.seq_relationship.bias"] = zeros(2);
        state["cls.predictions.decoder.bias"] = state["cls.predictions.bias"];
        state["bert.embeddings.position_ids"] = arange(128L).unsqueeze(0);
        PyTorchPickler.PickleStateDict(Path.Combine(dir, "pytorch_model.bin"), state);
        Tiny.Config.SaveHuggingFaceJson(Path.Combine(dir, "config.json"));

        using var loaded = BertForMaskedLM.FromPretrained(dir);
        var loadedState = loaded.state_dict();
        foreach (var (key, value) in source.state_dict())
        {
            loadedState[key].allclose(value, 0, 0).Should().BeTrue(key);
        }

        // The classifier takes the pretrained encoder and pooler, and drops the pretraining heads.
        using var classifier = BertForSequenceClassification.FromPretrained(dir, classCount: 2, seed: 1);
        classifier.state_dict()["bert.encoder.layer.0.output.dense.weight"]
            .allclose(source.state_dict()["bert.encoder.layer.0.output.dense.weight"], 0, 0).Should().BeTrue();
        classifier.state_dict()["bert.pooler.dense.weight"].allclose(state["bert.pooler.dense.weight"], 0, 0).Should().BeTrue();
    }

    [Test]
    public void Missing_and_unexpected_keys_are_all_listed()
    {
        var dir = Tiny.TempDirectory();
        using var source = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        var state = source.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        state.Remove("bert.encoder.layer.0.attention.self.key.bias");
        state.Remove("cls.predictions.transform.dense.weight");
        state["bert.encoder.layer.0.attention.self.rotary.weight"] = zeros(3);
        var file = Path.Combine(dir, "broken.safetensors");
        using (var stream = File.Create(file))
        {
            Safetensors.SaveStateDict(stream, state);
        }

        var act = () => BertForMaskedLM.FromPretrained(file, Tiny.Config);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage("*broken.safetensors*missing keys (2)*bert.encoder.layer.0.attention.self.key.bias*cls.predictions.transform.dense.weight*unexpected keys (1)*rotary.weight*");
    }

    [Test]
    public void Shape_mismatch_names_the_key_and_both_shapes()
    {
        var dir = Tiny.TempDirectory();
        using var source = BertForMaskedLM.Create(Tiny.Config with { IntermediateSize = 48 }, seed: 1);
        source.SavePretrained(dir);
        var act = () => BertForMaskedLM.FromPretrained(dir, Tiny.Config);
        act.Should().Throw<CheckpointFormatException>().WithMessage("*intermediate.dense.weight: model [64, 32], checkpoint [48, 32]*");
    }

    [Test]
    public void Classifier_without_pretrained_encoder_keys_is_refused()
    {
        var dir = Tiny.TempDirectory();
        var file = Path.Combine(dir, "pooler-only.safetensors");
        using (var stream = File.Create(file))
        {
            Safetensors.SaveStateDict(stream, new Dictionary<string, Tensor> { ["bert.pooler.dense.weight"] = zeros(32, 32) });
        }

        var act = () => BertForSequenceClassification.FromPretrained(file, 2, 1, Tiny.Config);
        act.Should().Throw<CheckpointFormatException>().WithMessage("*missing keys*bert.embeddings.word_embeddings.weight*");
    }

    [Test]
    public void Training_checkpoint_survives_a_failure_in_the_middle_of_the_next_write()
    {
        var dir = Tiny.TempDirectory();
        var path = Path.Combine(dir, "checkpoint.gmck");
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        using var optimizer = OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        var first = State(step: 10);
        TrainingCheckpoint.Write(path, first, model, optimizer);
        var goodBytes = File.ReadAllBytes(path);

        using (no_grad())
        {
            model.state_dict()["cls.predictions.bias"].add_(1);
        }

        var act = () => TrainingCheckpoint.Write(path, State(step: 20), model, optimizer, s => new FailingStream(s, failAfter: 50_000));
        act.Should().Throw<IOException>().WithMessage("*simulated*");

        File.ReadAllBytes(path).Should().Equal(goodBytes, "the previous checkpoint must be intact");
        Directory.GetFiles(dir).Should().ContainSingle("the temporary file is removed");
        using var restored = BertForMaskedLM.Create(Tiny.Config, seed: 2);
        using var restoredOptimizer = OptimizerSetup.CreateAdamW(restored, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        var state = TrainingCheckpoint.Read(path, restored, restoredOptimizer);
        state.Step.Should().Be(10);
        state.CurriculumStateJson.Should().Be(first.CurriculumStateJson);
        restored.state_dict()["cls.predictions.bias"].abs().sum().item<float>().Should().Be(0);
    }

    [Test]
    public void Truncated_training_checkpoint_is_rejected()
    {
        var dir = Tiny.TempDirectory();
        var path = Path.Combine(dir, "checkpoint.gmck");
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        using var optimizer = OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        TrainingCheckpoint.Write(path, State(5), model, optimizer);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        var act = () => TrainingCheckpoint.Read(path, model, optimizer);
        act.Should().Throw<CorruptCheckpointException>().Which.Should().Match<CorruptCheckpointException>(e => e.Path == path && e.Message.StartsWith(path, StringComparison.Ordinal) && e.Message.Contains("truncated", StringComparison.Ordinal));
    }

    [Test]
    public void A_flipped_byte_anywhere_fails_the_checksum_before_the_model_is_touched()
    {
        var dir = Tiny.TempDirectory();
        var path = Path.Combine(dir, "checkpoint.gmck");
        using var model = BertForMaskedLM.Create(Tiny.Config, seed: 1);
        using var optimizer = OptimizerSetup.CreateAdamW(model, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        TrainingCheckpoint.Write(path, State(5), model, optimizer);
        TrainingCheckpoint.Verify(path);
        var good = File.ReadAllBytes(path);

        // One bit in the weights (the middle of the file): the structure stays valid, only the checksum can tell.
        var bytes = good.ToArray();
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        using var target = BertForMaskedLM.Create(Tiny.Config, seed: 2);
        using var targetOptimizer = OptimizerSetup.CreateAdamW(target, 1e-3, 0.01, 0.9, 0.98, 1e-6);
        var key = target.state_dict().Keys.First(k => k.EndsWith("weight", StringComparison.Ordinal));
        var before = target.state_dict()[key].clone();
        model.state_dict()[key].allclose(before, 0, 0).Should().BeFalse("the two models differ, so a load would show");

        var act = () => TrainingCheckpoint.Read(path, target, targetOptimizer);

        act.Should().Throw<CorruptCheckpointException>().WithMessage($"{path}: checksum mismatch*");
        target.state_dict()[key].allclose(before, 0, 0).Should().BeTrue("nothing is loaded from a damaged file");
        File.WriteAllBytes(path, good);
        TrainingCheckpoint.Read(path, target, targetOptimizer).Step.Should().Be(5);
        target.state_dict()[key].allclose(model.state_dict()[key], 0, 0).Should().BeTrue();
    }

    [Test]
    public void Run_fingerprints_round_trip_and_name_what_differs()
    {
        var before = RunFingerprint.Parse("steps=4;lr=0.001;strategy=genemask;pmi=k6-ab");
        var now = RunFingerprint.Parse(before.ToString().Replace("steps=4", "steps=8", StringComparison.Ordinal).Replace("pmi=k6-ab", "pmi=k6-cd", StringComparison.Ordinal) + ";corpus.train=ff");

        RunFingerprint.Parse(before.ToString()).Compare(before).Should().BeEmpty();
        before.Compare(now).Should().Equal(
            new RunDifference("corpus.train", null, "ff"),
            new RunDifference("pmi", "k6-ab", "k6-cd"),
            new RunDifference("steps", "4", "8"));
        RunFingerprint.HashOf(GeneMask.Pmi.PmiTable.LoadDefault()).Should().StartWith("k6-").And.HaveLength(3 + 32);
    }

    private static CheckpointState State(long step) => new()
    {
        Step = step,
        BatchesConsumed = step * 2,
        Seed = 42,
        CurriculumStateJson = $"{{\"step\":{step}}}",
        RngState = [],
        RunFingerprint = "test",
    };
}

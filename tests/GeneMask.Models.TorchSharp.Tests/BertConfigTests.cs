using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Tests;

public sealed class BertConfigTests
{
    [Test]
    public void Presets_match_the_paper_table()
    {
        BertConfig.DnaBert.Should().BeEquivalentTo(new BertConfig(4101, 768, 12, 12, 3072, 0.1, 0.1, 512));
        BertConfig.Logo.Should().BeEquivalentTo(new BertConfig(4101, 256, 2, 8, 3072, 0.0, 0.0, 512));
        BertConfig.LogoOriginal.IntermediateSize.Should().Be(1024);
        BertConfig.LogoOriginal.LayerCount.Should().Be(2);
    }

    [Test]
    public void Vocabulary_comes_from_the_tokenizer()
    {
        BertConfig.Logo.ForTokenizer(KmerTokenizer.Create(6)).VocabularySize.Should().Be(4101);
        BertConfig.Logo.ForTokenizer(KmerTokenizer.Create(3)).VocabularySize.Should().Be(5 + 64);
    }

    [Test]
    public void DNABERT_config_json_reads_as_the_DnaBert_preset()
    {
        var config = BertConfig.FromHuggingFaceJson(GeneMask.Tests.TestData.Path("dnabert", "config-6.json"));
        config.Should().Be(BertConfig.DnaBert);
    }

    [Test]
    public void Config_json_round_trips()
    {
        var path = Path.Combine(Tiny.TempDirectory(), "config.json");
        Tiny.Config.SaveHuggingFaceJson(path);
        BertConfig.FromHuggingFaceJson(path).Should().Be(Tiny.Config);
    }

    [Test]
    public void Invalid_field_is_named_with_its_value()
    {
        var act = () => BertForMaskedLM.Create(BertConfig.Logo with { HeadCount = 7, LayerCount = 0 }, seed: 1);
        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "BertConfig.LayerCount must be positive; found 0.",
            "BertConfig.HeadCount must be a positive divisor of HiddenSize (256); found 7.");
    }

    [Test]
    public void Missing_json_field_names_the_field_and_file()
    {
        var path = Path.Combine(Tiny.TempDirectory(), "config.json");
        File.WriteAllText(path, """{"vocab_size": 4101, "hidden_size": 32}""");
        var act = () => BertConfig.FromHuggingFaceJson(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"*{path}*num_hidden_layers*missing*");
    }

    [Test]
    public void Parameter_count_of_DnaBert_is_BERT_base()
    {
        // BERT-base with a 4101-token vocabulary: 85.05 M in the layers plus the embeddings.
        var expected = ((4101L + 512 + 2) * 768) + (2 * 768) + (12L * ((4 * ((768 * 768) + 768)) + (2 * 768) + (768 * 3072) + 3072 + (3072 * 768) + 768 + (2 * 768)));
        BertConfig.DnaBert.EncoderParameterCount().Should().Be(expected);
    }
}

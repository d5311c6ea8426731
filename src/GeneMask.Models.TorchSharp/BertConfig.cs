using System.Text.Json;
using System.Text.Json.Nodes;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Models.TorchSharp;

/// <summary>
/// The architecture of a BERT encoder (immutable). Use a preset (<see cref="DnaBert"/>, <see cref="Logo"/>,
/// <see cref="LogoOriginal"/>) and adapt it with <c>with</c> or <see cref="ForTokenizer"/>.
/// </summary>
/// <param name="VocabularySize">Number of token ids (4101 for DNABERT's 6-mers).</param>
/// <param name="HiddenSize">Width of the hidden states.</param>
/// <param name="LayerCount">Number of transformer layers.</param>
/// <param name="HeadCount">Attention heads per layer; must divide <paramref name="HiddenSize"/>.</param>
/// <param name="IntermediateSize">Width of the feed-forward layer.</param>
/// <param name="HiddenDropout">Dropout on embeddings and sub-layer outputs.</param>
/// <param name="AttentionDropout">Dropout on attention probabilities.</param>
/// <param name="MaxPositions">Maximum input length (position embeddings).</param>
/// <param name="TypeVocabularySize">Number of token types (segment embeddings); 2 as in BERT.</param>
/// <param name="LayerNormEpsilon">LayerNorm epsilon.</param>
/// <param name="InitializerRange">Standard deviation of the normal initialisation of weights.</param>
public sealed record BertConfig(
    int VocabularySize,
    int HiddenSize,
    int LayerCount,
    int HeadCount,
    int IntermediateSize,
    double HiddenDropout,
    double AttentionDropout,
    int MaxPositions = 512,
    int TypeVocabularySize = 2,
    double LayerNormEpsilon = 1e-12,
    double InitializerRange = 0.02)
{
    /// <summary>DNABERT vocabulary size for k = 6: 5 special tokens plus 4^6 k-mers.</summary>
    public const int DnaBertVocabularySize = 4101;

    /// <summary>DNABERT (BERT-base): 12 layers, hidden 768, 12 heads, intermediate 3072, dropout 0.1.</summary>
    public static BertConfig DnaBert { get; } = new(DnaBertVocabularySize, 768, 12, 12, 3072, 0.1, 0.1);

    /// <summary>LOGO as configured in GeneMask / CM-GEMS: 2 layers, hidden 256, 8 heads, intermediate 3072, no dropout.</summary>
    public static BertConfig Logo { get; } = new(DnaBertVocabularySize, 256, 2, 8, 3072, 0.0, 0.0);

    /// <summary>LOGO as originally published: like <see cref="Logo"/> but with intermediate 4 × 256 = 1024.</summary>
    public static BertConfig LogoOriginal { get; } = Logo with { IntermediateSize = 1024 };

    /// <summary>Width of one attention head.</summary>
    public int HeadSize => HiddenSize / HeadCount;

    /// <summary>This architecture with the vocabulary size and maximum length of <paramref name="tokenizer"/>.</summary>
    public BertConfig ForTokenizer(KmerTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return this with { VocabularySize = tokenizer.VocabularySize, MaxPositions = Math.Max(MaxPositions, tokenizer.MaxLength) };
    }

    /// <summary>Number of trainable parameters of the encoder plus the MLM head (tied decoder counted once).</summary>
    public long EncoderParameterCount()
    {
        long h = HiddenSize, i = IntermediateSize;
        var embeddings = (VocabularySize + MaxPositions + TypeVocabularySize) * h + 2 * h;
        var layer = 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h;
        return embeddings + LayerCount * layer;
    }

    /// <summary>Reads a Hugging Face <c>config.json</c> (as shipped with DNABERT).</summary>
    /// <exception cref="FormatException">A required field is missing or not a number; the message names it and the file.</exception>
    public static BertConfig FromHuggingFaceJson(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"{path}: not valid JSON ({e.Message}).", e);
        }

        if (root is not JsonObject json)
        {
            throw new CheckpointFormatException($"{path}: expected a JSON object.");
        }

        var act = json["hidden_act"]?.GetValue<string>();
        if (act is not null && act != "gelu")
        {
            throw new CheckpointFormatException($"{path}: hidden_act '{act}' is not supported (expected 'gelu').");
        }

        var config = new BertConfig(
            Int(json, "vocab_size", path),
            Int(json, "hidden_size", path),
            Int(json, "num_hidden_layers", path),
            Int(json, "num_attention_heads", path),
            Int(json, "intermediate_size", path),
            Double(json, "hidden_dropout_prob", path, 0.1),
            Double(json, "attention_probs_dropout_prob", path, 0.1),
            json.ContainsKey("max_position_embeddings") ? Int(json, "max_position_embeddings", path) : 512,
            json.ContainsKey("type_vocab_size") ? Int(json, "type_vocab_size", path) : 2,
            Double(json, "layer_norm_eps", path, 1e-12),
            Double(json, "initializer_range", path, 0.02));
        return new BertConfigValidator().Validated(config);
    }

    /// <summary>Writes a Hugging Face <c>config.json</c> for this architecture (atomically).</summary>
    /// <param name="path">Target file.</param>
    /// <param name="architecture">The Hugging Face class name, e.g. <c>BertForMaskedLM</c>.</param>
    /// <param name="labelCount">Number of labels for a classification model, or null.</param>
    public void SaveHuggingFaceJson(string path, string architecture = "BertForMaskedLM", int? labelCount = null)
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(architecture),
            ["model_type"] = "bert",
            ["attention_probs_dropout_prob"] = AttentionDropout,
            ["hidden_act"] = "gelu",
            ["hidden_dropout_prob"] = HiddenDropout,
            ["hidden_size"] = HiddenSize,
            ["initializer_range"] = InitializerRange,
            ["intermediate_size"] = IntermediateSize,
            ["layer_norm_eps"] = LayerNormEpsilon,
            ["max_position_embeddings"] = MaxPositions,
            ["num_attention_heads"] = HeadCount,
            ["num_hidden_layers"] = LayerCount,
            ["pad_token_id"] = SpecialTokens.Pad,
            ["type_vocab_size"] = TypeVocabularySize,
            ["vocab_size"] = VocabularySize,
        };
        if (labelCount is { } n)
        {
            json["num_labels"] = n;
        }

        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static int Int(JsonObject json, string name, string path)
    {
        var node = json[name] ?? throw new CheckpointFormatException($"{path}: field '{name}' is missing.");
        try
        {
            return node.GetValue<int>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CheckpointFormatException($"{path}: field '{name}' must be an integer, found {node.ToJsonString()}.", e);
        }
    }

    private static double Double(JsonObject json, string name, string path, double fallback)
    {
        var node = json[name];
        if (node is null)
        {
            return fallback;
        }

        try
        {
            return node.GetValue<double>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CheckpointFormatException($"{path}: field '{name}' must be a number, found {node.ToJsonString()}.", e);
        }
    }
}

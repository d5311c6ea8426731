using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>
/// BERT with a masked-language-model head whose decoder is tied to the word embeddings, laid out exactly as Hugging
/// Face's <c>BertForMaskedLM</c> (state-dict keys <c>bert.*</c> and <c>cls.predictions.*</c>).
/// </summary>
public sealed class BertForMaskedLM : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>The label value of positions that take no loss.</summary>
    public const long IgnoreIndex = -100;

    private readonly BertModel bert;
    private readonly BertOnlyMLMHead cls;

    private BertForMaskedLM(BertConfig config)
        : base(nameof(BertForMaskedLM))
    {
        Config = new BertConfigValidator().Validated(config);
        bert = new BertModel(config, withPooler: false);
        cls = new BertOnlyMLMHead(config, bert.Embeddings.WordEmbeddingWeight);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public BertConfig Config { get; }

    /// <summary>How the model computes (<see cref="ModelPrecision.Fp32"/> until <see cref="UsePrecision"/> is called).</summary>
    public ModelPrecision Precision { get; private set; } = ModelPrecision.Fp32;

    /// <summary>
    /// Sets the numeric format for training and inference: float32 weights for <see cref="ModelPrecision.Fp32"/> and the
    /// mixed modes (which compute linear layers and attention in bf16/fp16), bf16 weights for pure
    /// <see cref="ModelPrecision.Bf16"/>. Call after moving the model to its device.
    /// </summary>
    /// <returns>This model.</returns>
    public BertForMaskedLM UsePrecision(ModelPrecision precision)
    {
        this.to(precision.ToScalarType());
        Precision = precision;
        return this;
    }

    /// <summary>Creates a freshly initialised model on the CPU in float32; the same seed gives the same weights.</summary>
    public static BertForMaskedLM Create(BertConfig config, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchNativeLibrary.EnsureLoaded();
        config = new BertConfigValidator().Validated(config);
        using var seedScope = new TorchSeedScope(seed);
        var model = new BertForMaskedLM(config);
        WeightInitializer.Apply(model, config);
        return model;
    }

    /// <summary>
    /// Loads a masked-LM checkpoint: ours or a DNABERT / Hugging Face one (<c>pytorch_model.bin</c>,
    /// <c>*.safetensors</c>, or a directory holding one of them and <c>config.json</c>).
    /// </summary>
    /// <param name="path">A checkpoint file or directory.</param>
    /// <param name="config">The architecture; null reads <c>config.json</c> beside the weights.</param>
    /// <exception cref="CheckpointFormatException">Keys are missing or unexpected (all listed), or a shape differs.</exception>
    public static BertForMaskedLM FromPretrained(string path, BertConfig? config = null)
    {
        TorchNativeLibrary.EnsureLoaded();
        ArgumentNullException.ThrowIfNull(path);
        config ??= BertCheckpoint.ReadConfigBeside(path);
        var model = new BertForMaskedLM(config);
        BertCheckpoint.LoadInto(model, path, BertCheckpoint.KeyPolicy.MaskedLm);
        return model;
    }

    /// <summary>Writes the weights as safetensors with Hugging Face key names, plus <c>config.json</c> and the manifest of both (<c>manifest.json</c>, checked when loaded) in the same folder.</summary>
    public void SavePretrained(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        BertCheckpoint.SaveFolder(this, directory, config => Config.SaveHuggingFaceJson(config, "BertForMaskedLM"));
    }

    internal Parameter WordEmbeddingWeight => bert.Embeddings.WordEmbeddingWeight;

    /// <summary>Vocabulary logits for every position.</summary>
    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length]; nonzero where the token is real.</param>
    /// <returns>[batch, length, vocab]; float32 in the mixed precisions.</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision.ComputeScalarType());
        return cls.call(bert.call(inputIds, attentionMask)).MoveToOuterDisposeScope();
    }

    /// <summary>The encoder's last hidden states, without the prediction head (features of a frozen encoder).</summary>
    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length]; nonzero where the token is real.</param>
    /// <returns>[batch, length, hidden], computed in the model's <see cref="Precision"/>; float32 in the mixed precisions.</returns>
    public Tensor LastHiddenState(Tensor inputIds, Tensor attentionMask)
    {
        using var autocast = Autocast.Enter(Precision.ComputeScalarType());
        return bert.call(inputIds, attentionMask);
    }

    /// <summary>Vocabulary logits at the given positions only (the prediction head runs on those positions alone).</summary>
    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length]; nonzero where the token is real.</param>
    /// <param name="positions">[count] int64 flat indices, row × length + column.</param>
    /// <returns>[count, vocab] float32.</returns>
    internal Tensor LogitsAt(Tensor inputIds, Tensor attentionMask, Tensor positions)
    {
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision.ComputeScalarType());
        var hidden = bert.call(inputIds, attentionMask);
        var states = hidden.reshape(-1, hidden.shape[2]).index_select(0, positions);
        return cls.call(states).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mean cross-entropy over the positions whose label is not <see cref="IgnoreIndex"/>. Only those positions go
    /// through the prediction head, which gives the same loss as full logits at a fraction of the decoder's cost.
    /// </summary>
    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length].</param>
    /// <param name="labels">[batch, length] int64: the original id at masked positions, −100 elsewhere.</param>
    /// <returns>A scalar float32 loss; NaN when no position is labelled.</returns>
    public Tensor MaskedLmLoss(Tensor inputIds, Tensor attentionMask, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision.ComputeScalarType());
        var hidden = bert.call(inputIds, attentionMask);
        var flatLabels = labels.reshape(-1);
        using var ignored = IgnoreIndex.ToScalar();
        var selected = nonzero(flatLabels.ne(ignored)).squeeze(1);
        var states = StepParts.End("MLM gather", hidden.reshape(-1, hidden.shape[2]).index_select(0, selected));
        var logits = cls.call(states).to_type(ScalarType.Float32);
        return StepParts.End("MLM loss", nn.functional.cross_entropy(logits, flatLabels.index_select(0, selected))).MoveToOuterDisposeScope();
    }
}

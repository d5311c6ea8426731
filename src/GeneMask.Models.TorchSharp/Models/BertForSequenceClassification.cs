using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>
/// BERT with pooler, dropout and a linear classifier, laid out as Hugging Face's <c>BertForSequenceClassification</c>
/// (keys <c>bert.*</c>, <c>bert.pooler.*</c>, <c>classifier.*</c>).
/// </summary>
public sealed class BertForSequenceClassification : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertModel bert;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    private BertForSequenceClassification(BertConfig config, int classCount)
        : base(nameof(BertForSequenceClassification))
    {
        Config = config.Validate();
        ClassCount = classCount;
        bert = new BertModel(config, withPooler: true);
        dropout = nn.Dropout(config.HiddenDropout);
        classifier = nn.Linear(config.HiddenSize, classCount);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public BertConfig Config { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Creates a freshly initialised classifier (CPU, float32); the same seed gives the same weights.</summary>
    public static BertForSequenceClassification Create(BertConfig config, int classCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        TorchNativeLibrary.EnsureLoaded();
        config.Validate();
        using var seedScope = new TorchSeedScope(seed);
        var model = new BertForSequenceClassification(config, classCount);
        WeightInitializer.Apply(model, config);
        return model;
    }

    /// <summary>
    /// A classifier whose encoder comes from a pretrained checkpoint (ours or DNABERT's): every <c>bert.embeddings</c>
    /// and <c>bert.encoder</c> weight must be present; the pooler is taken when present; pretraining heads
    /// (<c>cls.*</c>) are dropped; the classifier is initialised from <paramref name="seed"/> unless the checkpoint
    /// holds one of the right shape.
    /// </summary>
    /// <exception cref="CheckpointFormatException">Encoder keys are missing or unknown keys present (all listed).</exception>
    public static BertForSequenceClassification FromPretrained(string path, int classCount, long seed, BertConfig? config = null)
    {
        TorchNativeLibrary.EnsureLoaded();
        ArgumentNullException.ThrowIfNull(path);
        config ??= BertCheckpoint.ReadConfigBeside(path);
        var model = Create(config, classCount, seed);
        BertCheckpoint.LoadInto(model, path, BertCheckpoint.KeyPolicy.ClassifierFromPretrained);
        return model;
    }

    /// <summary>Writes the weights as safetensors plus <c>config.json</c> (with <c>num_labels</c>).</summary>
    public void SavePretrained(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        BertCheckpoint.SaveSafetensors(this, Path.Combine(directory, BertCheckpoint.SafetensorsFileName));
        Config.SaveHuggingFaceJson(Path.Combine(directory, BertCheckpoint.ConfigFileName), "BertForSequenceClassification", ClassCount);
    }

    /// <summary>Class logits.</summary>
    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length]; nonzero where the token is real.</param>
    /// <returns>[batch, classes].</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var pooled = bert.Pool(bert.call(inputIds, attentionMask));
        return classifier.call(dropout.call(pooled)).MoveToOuterDisposeScope();
    }
}

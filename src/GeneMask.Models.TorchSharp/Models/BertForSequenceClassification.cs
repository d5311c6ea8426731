using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp.Modules;
using TorchSharp;
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
    private readonly double _dropout;
    private readonly Linear classifier;

    private BertForSequenceClassification(BertConfig config, int classCount)
        : base(nameof(BertForSequenceClassification))
    {
        Config = new BertConfigValidator().Validated(config);
        ClassCount = classCount;
        bert = new BertModel(config, withPooler: true);
        _dropout = config.HiddenDropout;
        classifier = nn.Linear(config.HiddenSize, classCount);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public BertConfig Config { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>How the model computes (<see cref="ModelPrecision.Fp32"/> until <see cref="UsePrecision"/> is called).</summary>
    public ModelPrecision Precision { get; private set; } = ModelPrecision.Fp32;

    /// <summary>
    /// Sets the numeric format for training and inference: float32 weights for <see cref="ModelPrecision.Fp32"/> and the
    /// mixed modes (which compute linear layers and attention in bf16/fp16), bf16 weights for pure
    /// <see cref="ModelPrecision.Bf16"/>. Call after moving the model to its device.
    /// </summary>
    /// <returns>This model.</returns>
    public BertForSequenceClassification UsePrecision(ModelPrecision precision)
    {
        this.to(precision.ToScalarType());
        Precision = precision;
        return this;
    }

    /// <summary>Creates a freshly initialised classifier (CPU, float32); the same seed gives the same weights.</summary>
    public static BertForSequenceClassification Create(BertConfig config, int classCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        TorchNativeLibrary.EnsureLoaded();
        config = new BertConfigValidator().Validated(config);
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

    /// <summary>Writes the weights as safetensors plus <c>config.json</c> (with <c>num_labels</c>) and the manifest of both (<c>manifest.json</c>).</summary>
    public void SavePretrained(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        BertCheckpoint.SaveFolder(this, directory, config => Config.SaveHuggingFaceJson(config, "BertForSequenceClassification", ClassCount));
    }

    /// <summary>
    /// Scores token-id rows (<c>[CLS] k-mers [SEP]</c>, any lengths up to the model's positions) the fast way: inference
    /// mode (no autograd), eval mode (restored afterwards), this model's <see cref="Precision"/>, and batches of rows of
    /// similar length (sorted by length) so that little padding is computed. Results are in the rows' order.
    /// </summary>
    /// <param name="inputIds">The rows.</param>
    /// <param name="batchSize">Rows per forward pass.</param>
    /// <returns>Float32 logits, row-major [rows, classes].</returns>
    public float[] PredictLogits(IReadOnlyList<int[]> inputIds, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var order = LengthOrder(inputIds);
        var logits = new float[inputIds.Count * ClassCount];
        var device = classifier.weight!.device;
        var wasTraining = training;
        eval();
        try
        {
            using var inference = inference_mode();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
                var length = inputIds[batch[0]].Length; // the longest row of the batch comes first
                var ids = new long[batch.Length * length];
                var mask = new long[ids.Length];
                for (var r = 0; r < batch.Length; r++)
                {
                    var row = inputIds[batch[r]];
                    for (var c = 0; c < row.Length; c++)
                    {
                        ids[(r * length) + c] = row[c];
                        mask[(r * length) + c] = 1;
                    }
                }

                long[] shape = [batch.Length, length];
                using var output = call(tensor(ids, shape).to(device), tensor(mask, shape).to(device)).to_type(ScalarType.Float32).cpu();
                var values = output.data<float>();
                for (var r = 0; r < batch.Length; r++)
                {
                    for (var c = 0; c < ClassCount; c++)
                    {
                        logits[(batch[r] * ClassCount) + c] = values[(r * ClassCount) + c];
                    }
                }
            }
        }
        finally
        {
            train(wasTraining);
        }

        return logits;
    }

    /// <summary>Row indices by decreasing length (ties by index, so the batches are deterministic).</summary>
    internal static int[] LengthOrder(IReadOnlyList<int[]> rows)
    {
        var order = new int[rows.Count];
        var negativeLengths = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            negativeLengths[i] = -rows[i].Length;
        }

        // Stable: equal lengths keep their index order.
        Array.Sort(negativeLengths, order);
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && negativeLengths[end] == negativeLengths[start])
            {
                end++;
            }

            Array.Sort(order, start, end - start);
            start = end;
        }

        return order;
    }

    /// <summary>Class logits.</summary>
    /// <param name="inputIds">[batch, length] int64.</param>
    /// <param name="attentionMask">[batch, length]; nonzero where the token is real.</param>
    /// <returns>[batch, classes], in the compute dtype (bf16/fp16 in the mixed precisions: cast before a loss).</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision.ComputeScalarType());
        var pooled = bert.Pool(bert.call(inputIds, attentionMask));
        return StepParts.End("classifier", Autocast.Linear(classifier, DropoutRandom.Apply(pooled, _dropout, training))).MoveToOuterDisposeScope();
    }
}

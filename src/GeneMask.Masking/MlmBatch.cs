namespace GeneMask.Masking;

/// <summary>
/// One collated, masked batch, ready to become tensors: flat row-major <see cref="InputIds"/>, <see cref="Labels"/> and
/// <see cref="AttentionMask"/> of exactly <see cref="BatchSize"/> × <see cref="SequenceLength"/> elements.
/// </summary>
/// <remarks>
/// An instance is a set of reusable buffers: pass it back to <see cref="MlmCollator"/> (or return it to
/// <see cref="MaskedBatchProducer"/>) and it is refilled without allocating as long as the shape stays the same
/// (always, with <see cref="PaddingMode.Fixed"/>). Its arrays are overwritten by the next collation into it.
/// </remarks>
public sealed class MlmBatch
{
    /// <summary>The label of positions that are not predicted (PyTorch's ignore index).</summary>
    public const long IgnoreLabel = -100;

    private int[] _ids = [];
    private int[] _lengths = [];
    private bool[] _selected = [];

    /// <summary>Creates an empty batch (buffers are sized by the first collation).</summary>
    public MlmBatch()
    {
    }

    /// <summary>The batch's index in the run (its masks are a function of the seed and this index).</summary>
    public long BatchIndex { get; internal set; }

    /// <summary>The masking phase the batch was made with.</summary>
    public MaskingPhase Phase { get; internal set; }

    /// <summary>Number of rows.</summary>
    public int BatchSize { get; private set; }

    /// <summary>Ids per row, padding included.</summary>
    public int SequenceLength { get; private set; }

    /// <summary><see cref="BatchSize"/> × <see cref="SequenceLength"/>.</summary>
    public int ElementCount => BatchSize * SequenceLength;

    /// <summary>Model input: [CLS] k-mers [SEP] [PAD]…, with the predicted positions replaced by the 80/10/10 rule.</summary>
    public long[] InputIds { get; private set; } = [];

    /// <summary>The original id at predicted positions, <see cref="IgnoreLabel"/> (−100) elsewhere.</summary>
    public long[] Labels { get; private set; } = [];

    /// <summary>1 for real tokens ([CLS] and [SEP] included), 0 for padding.</summary>
    public long[] AttentionMask { get; private set; } = [];

    /// <summary>The unmasked ids (same layout as <see cref="InputIds"/>).</summary>
    public ReadOnlySpan<int> OriginalIds => _ids.AsSpan(0, ElementCount);

    /// <summary>The real length of each row, [CLS] and [SEP] included.</summary>
    public ReadOnlySpan<int> RowLengths => _lengths.AsSpan(0, BatchSize);

    /// <summary>Which positions are predicted (same layout as <see cref="InputIds"/>).</summary>
    public ReadOnlySpan<bool> Predicted => _selected.AsSpan(0, ElementCount);

    /// <summary>Number of real (non-padding) tokens, [CLS] and [SEP] included.</summary>
    public int RealTokens { get; internal set; }

    /// <summary>Number of maskable tokens (real tokens minus [CLS] and [SEP]).</summary>
    public int MaskableTokens { get; internal set; }

    /// <summary>Number of predicted positions (labels ≠ −100).</summary>
    public int PredictedTokens { get; internal set; }

    /// <summary>Predicted positions whose input became [MASK].</summary>
    public int MaskTokenReplacements { get; internal set; }

    /// <summary>Predicted positions whose input became a random token.</summary>
    public int RandomReplacements { get; internal set; }

    /// <summary>Predicted positions whose input kept the original token.</summary>
    public int KeptTokens => PredictedTokens - MaskTokenReplacements - RandomReplacements;

    internal int[] IdBuffer => _ids;

    internal int[] LengthBuffer => _lengths;

    internal bool[] SelectedBuffer => _selected;

    /// <summary>Sizes the buffers for a shape; reallocates only when the element count or row count changes.</summary>
    internal void SetShape(int batchSize, int sequenceLength)
    {
        var elements = batchSize * sequenceLength;
        if (InputIds.Length != elements)
        {
            InputIds = new long[elements];
            Labels = new long[elements];
            AttentionMask = new long[elements];
        }

        if (_ids.Length < elements)
        {
            _ids = new int[elements];
            _selected = new bool[elements];
        }

        if (_lengths.Length < batchSize)
        {
            _lengths = new int[batchSize];
        }

        BatchSize = batchSize;
        SequenceLength = sequenceLength;
    }
}

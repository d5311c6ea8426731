using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GeneMask.Infrastructure;
using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>
/// Masked-language-model collator in the spirit of Hugging Face's <c>DataCollatorForLanguageModeling</c>: adds
/// [CLS]/[SEP] to rows of k-mer ids, pads them, lets a strategy choose the positions to predict, applies the 80/10/10
/// replacement and writes <see cref="MlmBatch"/> buffers ready to become tensors.
/// </summary>
/// <remarks>
/// Deterministic: batch <c>b</c> is masked with generators derived from (<see cref="Seed"/>, <c>b</c>) only
/// (<see cref="MaskRandom.ForBatch"/>), the positions and the replacements from independent streams. Immutable and
/// thread-safe: all scratch space lives in the <see cref="MlmBatch"/> being filled, so reusing batches makes collation
/// allocation-free.
/// </remarks>
public sealed class MlmCollator
{
    private readonly ulong _maskThreshold;
    private readonly ulong _randomThreshold;
    private readonly int _randomBase;
    private readonly int _randomRange;
    private readonly PaddingMode _padding;
    private readonly int _maxLength;
    private readonly int _multiple;

    /// <summary>Creates a collator.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults (k = 6, 80/10/10 with k-mer replacements, seed 0).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every failure names the field and value.</exception>
    public MlmCollator(MlmCollatorOptions? options = null)
    {
        options = new MlmCollatorOptionsValidator().Validated(options ?? new MlmCollatorOptions());
        K = options.K;
        Seed = options.Seed;
        VocabularySize = SpecialTokens.Count + Nucleotides.KmerCount(options.K);
        MaskTokenProbability = options.MaskTokenProbability;
        RandomTokenProbability = options.RandomTokenProbability;
        RandomReplacement = options.RandomReplacement;
        _maskThreshold = MaskRandom.Threshold32(options.MaskTokenProbability);
        _randomThreshold = MaskRandom.Threshold32(Math.Min(1.0, options.MaskTokenProbability + options.RandomTokenProbability));
        (_randomBase, _randomRange) = options.RandomReplacement == RandomReplacementSource.KmerIds
            ? (SpecialTokens.Count, VocabularySize - SpecialTokens.Count)
            : (0, VocabularySize);
        _padding = options.Padding;
        _maxLength = options.MaxSequenceLength;
        _multiple = options.PadToMultipleOf;
    }

    /// <summary>The k-mer length.</summary>
    public int K { get; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <summary>Number of ids: 5 special tokens plus 4^k k-mers.</summary>
    public int VocabularySize { get; }

    /// <summary>Share of predicted positions replaced by [MASK].</summary>
    public double MaskTokenProbability { get; }

    /// <summary>Share of predicted positions replaced by a random token.</summary>
    public double RandomTokenProbability { get; }

    /// <summary>Where random replacements come from.</summary>
    public RandomReplacementSource RandomReplacement { get; }

    /// <summary>A collator with the same settings and another seed (e.g. a fixed seed for the validation set).</summary>
    public MlmCollator WithSeed(ulong seed) => new(new MlmCollatorOptions
    {
        K = K,
        MaskTokenProbability = MaskTokenProbability,
        RandomTokenProbability = RandomTokenProbability,
        RandomReplacement = RandomReplacement,
        Padding = _padding,
        MaxSequenceLength = _maxLength,
        PadToMultipleOf = _multiple,
        Seed = seed,
    });

    /// <summary>Collates and masks rows given as arrays of k-mer ids.</summary>
    /// <inheritdoc cref="Collate(KmerRows, long, MaskingPhase, MlmBatch?)"/>
    public MlmBatch Collate(IReadOnlyList<int[]> rows, long batchIndex, MaskingPhase phase, MlmBatch? destination = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var longest = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            longest = Math.Max(longest, (rows[r] ?? throw new ArgumentException($"Row {r} is null.", nameof(rows))).Length);
        }

        destination = Prepare(rows.Count, longest, batchIndex, phase, destination);
        for (var r = 0; r < rows.Count; r++)
        {
            WriteRow(destination, r, rows[r]);
        }

        return Mask(destination, phase);
    }

    /// <summary>Collates and masks a batch.</summary>
    /// <param name="rows">The rows: k-mer ids without [CLS]/[SEP] (ids 5 … 4^k + 4, or [UNK]).</param>
    /// <param name="batchIndex">The batch's index in the run; with <see cref="Seed"/> it fixes the masks.</param>
    /// <param name="phase">The strategy and probability (from a curriculum, or <see cref="MaskingPhase.Of(IMaskingStrategy)"/>).</param>
    /// <param name="destination">A batch to refill (no allocation when its shape is unchanged); <see langword="null"/> for a new one.</param>
    /// <returns>The filled batch (<paramref name="destination"/> when given).</returns>
    /// <exception cref="ArgumentException">A row is too long or holds an id that is not a k-mer or [UNK] (the message names the row and position).</exception>
    public MlmBatch Collate(KmerRows rows, long batchIndex, MaskingPhase phase, MlmBatch? destination = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var longest = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            longest = Math.Max(longest, rows[r].Length);
        }

        destination = Prepare(rows.Count, longest, batchIndex, phase, destination);
        for (var r = 0; r < rows.Count; r++)
        {
            WriteRow(destination, r, rows[r]);
        }

        return Mask(destination, phase);
    }

    private MlmBatch Prepare(int rowCount, int longestKmers, long batchIndex, MaskingPhase phase, MlmBatch? destination)
    {
        if (!phase.IsSet)
        {
            throw new ArgumentException("The masking phase has no strategy.", nameof(phase));
        }

        if (!(phase.Probability >= 0 && phase.Probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase.Probability, $"Phase '{phase.Name}': the masking probability must be in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        if (longestKmers + 2 > _maxLength)
        {
            throw new ArgumentException($"A row holds {longestKmers} k-mers; with [CLS] and [SEP] that exceeds MaxSequenceLength = {_maxLength}. Truncate rows when tokenizing.");
        }

        int length;
        if (_padding == PaddingMode.Fixed)
        {
            length = _maxLength;
        }
        else
        {
            length = longestKmers + 2;
            length = Math.Min(_maxLength, (length + _multiple - 1) / _multiple * _multiple);
        }

        destination ??= new MlmBatch();
        destination.SetShape(rowCount, length);
        destination.BatchIndex = batchIndex;
        destination.Phase = phase;
        return destination;
    }

    private void WriteRow(MlmBatch batch, int r, ReadOnlySpan<int> kmers)
    {
        var length = batch.SequenceLength;
        var ids = batch.IdBuffer.AsSpan(r * length, length);
        if (kmers.IndexOfAnyExceptInRange(SpecialTokens.Count, VocabularySize - 1) >= 0)
        {
            // Rare path: [UNK] is allowed, anything else outside the k-mer ids is not.
            for (var i = 0; i < kmers.Length; i++)
            {
                var id = kmers[i];
                if ((uint)id >= (uint)VocabularySize || (id < SpecialTokens.Count && id != SpecialTokens.Unknown))
                {
                    throw new ArgumentException($"Row {r}, position {i}: id {id} is not a k-mer id ({SpecialTokens.Count}…{VocabularySize - 1}) or [UNK] ({SpecialTokens.Unknown}); rows hold bare k-mer ids (KmerTokenizer.EncodeKmers), the collator adds [CLS] and [SEP].");
                }
            }
        }

        ids[0] = SpecialTokens.Cls;
        kmers.CopyTo(ids[1..]);
        ids[kmers.Length + 1] = SpecialTokens.Sep;
        ids[(kmers.Length + 2)..].Clear(); // [PAD] = 0
        batch.LengthBuffer[r] = kmers.Length + 2;
    }

    private MlmBatch Mask(MlmBatch batch, MaskingPhase phase)
    {
        var rows = batch.BatchSize;
        var length = batch.SequenceLength;
        var elements = batch.ElementCount;
        var ids = batch.IdBuffer.AsSpan(0, elements);
        var selected = batch.SelectedBuffer.AsSpan(0, elements);
        var lengths = batch.LengthBuffer.AsSpan(0, rows);

        var positions = MaskRandom.ForBatch(Seed, batch.BatchIndex, MaskRandomPurpose.Positions);
        var view = new MaskingBatch(ids, lengths, rows, length);
        var predicted = phase.Strategy.SelectPositions(view, phase.Probability, ref positions, selected);

        var inputs = batch.InputIds.AsSpan();
        var labels = batch.Labels.AsSpan();
        var attention = batch.AttentionMask.AsSpan();
        Widen(ids, inputs);
        labels.Fill(MlmBatch.IgnoreLabel);
        var real = 0;
        for (var r = 0; r < rows; r++)
        {
            var rowAttention = attention.Slice(r * length, length);
            rowAttention[..lengths[r]].Fill(1);
            rowAttention[lengths[r]..].Clear();
            real += lengths[r];
        }

        var replacement = MaskRandom.ForBatch(Seed, batch.BatchIndex, MaskRandomPurpose.Replacement);
        var flags = MemoryMarshal.Cast<bool, byte>(selected);
        int masks = 0, randoms = 0, count = 0;
        for (var r = 0; r < rows; r++)
        {
            var rowStart = r * length;
            var rowFlags = flags.Slice(rowStart, length);
            var last = lengths[r] - 2;
            if (rowFlags[0] != 0 || rowFlags[(last + 1)..].IndexOf((byte)1) >= 0)
            {
                var column = rowFlags[0] != 0 ? 0 : last + 1 + rowFlags[(last + 1)..].IndexOf((byte)1);
                throw new InvalidOperationException($"Strategy '{phase.Strategy.Name}' selected position {column} of row {r}, which is not between [CLS] and [SEP].");
            }

            // Predicted positions come in runs (spans): skip the gaps with a vectorised search, then walk the run.
            var offset = 1;
            while (offset <= last)
            {
                var found = rowFlags[offset..(last + 1)].IndexOf((byte)1);
                if (found < 0)
                {
                    break;
                }

                var runStart = offset + found;
                var runEnd = runStart + 1;
                while (runEnd <= last && rowFlags[runEnd] != 0)
                {
                    runEnd++; // runs are short (a span or a few overlapping ones): a scalar walk beats a second search
                }

                for (var i = rowStart + runStart; i < rowStart + runEnd; i++)
                {
                    labels[i] = ids[i];
                    var bits = (uint)(replacement.NextUInt64() >> 32);
                    if (bits < _maskThreshold)
                    {
                        inputs[i] = SpecialTokens.Mask;
                        masks++;
                    }
                    else if (bits < _randomThreshold)
                    {
                        inputs[i] = _randomBase + replacement.NextInt(_randomRange);
                        randoms++;
                    }
                }

                count += runEnd - runStart;
                offset = runEnd + 1;
            }
        }

        if (count != predicted)
        {
            throw new InvalidOperationException($"Strategy '{phase.Strategy.Name}' reported {predicted} positions but selected {count}.");
        }

        batch.PredictedTokens = count;
        batch.MaskTokenReplacements = masks;
        batch.RandomReplacements = randoms;
        batch.RealTokens = real;
        batch.MaskableTokens = real - (2 * rows);
        return batch;
    }

    private static void Widen(ReadOnlySpan<int> source, Span<long> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)i));
                lower.StoreUnsafe(ref to, (nuint)i);
                upper.StoreUnsafe(ref to, (nuint)(i + Vector256<long>.Count));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }
}

using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>
/// Fixed rows under one fixed masking: the batches are collated and masked once, from a fixed seed, so every model
/// (and every baseline) scored on the set predicts exactly the same positions from exactly the same inputs.
/// </summary>
/// <remarks>
/// Every loss on the set — a model's through <see cref="Score"/>, and the baselines that need no model
/// (<see cref="ScoreContextFree"/>, <see cref="ScoreCopyBaseline"/>, <see cref="ScoreNeighbourOracle"/>) — goes through
/// one accounting: the same predicted positions, each classified by what its input shows
/// (<see cref="MaskedLoss"/>), summed in the same order.
/// </remarks>
public sealed class MaskedEvaluationSet
{
    private static readonly double Ln2 = Math.Log(2);
    private static readonly double Ln4 = Math.Log(4);

    private readonly MlmBatch[] _batches;

    // Per batch: the flat indices of its predicted positions (ascending) and what the input shows at each.
    private readonly int[][] _positions;
    private readonly PredictedInputKind[][] _kinds;
    private readonly int _maxPositions;

    private MaskedEvaluationSet(string name, MlmBatch[] batches, int k)
    {
        Name = name;
        K = k;
        VocabularySize = SpecialTokens.Count + Nucleotides.KmerCount(k);
        _batches = batches;
        _positions = new int[batches.Length][];
        _kinds = new PredictedInputKind[batches.Length][];
        for (var b = 0; b < batches.Length; b++)
        {
            var batch = batches[b];
            var positions = new int[batch.PredictedTokens];
            var kinds = new PredictedInputKind[positions.Length];
            var n = 0;
            for (var i = 0; i < batch.ElementCount; i++)
            {
                var label = batch.Labels[i];
                if (label == MlmBatch.IgnoreLabel)
                {
                    continue;
                }

                var input = batch.InputIds[i];
                positions[n] = i;
                kinds[n++] = input == SpecialTokens.Mask ? PredictedInputKind.MaskToken
                    : input == label ? PredictedInputKind.OriginalToken
                    : PredictedInputKind.RandomToken;
            }

            _positions[b] = positions;
            _kinds[b] = kinds;
            _maxPositions = Math.Max(_maxPositions, n);
        }

        PredictedTokens = batches.Sum(b => (long)b.PredictedTokens);
    }

    private delegate void PositionLosses(MlmBatch batch, ReadOnlySpan<int> positions, Span<double> losses);

    /// <summary>The masking's name (e.g. <c>kmer-span</c>).</summary>
    public string Name { get; }

    /// <summary>The k-mer length of the rows.</summary>
    public int K { get; }

    /// <summary>Number of ids: 5 special tokens plus 4^k k-mers.</summary>
    public int VocabularySize { get; }

    /// <summary>The masked batches, in order.</summary>
    public IReadOnlyList<MlmBatch> Batches => _batches;

    /// <summary>Positions to predict over all batches.</summary>
    public long PredictedTokens { get; }

    /// <summary>Collates and masks <paramref name="rows"/> in batches of <paramref name="batchSize"/> with <paramref name="phase"/>.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="rows">k-mer id rows (no [CLS]/[SEP]).</param>
    /// <param name="collator">The collator; its seed fixes the masks.</param>
    /// <param name="phase">The masking.</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <exception cref="ArgumentException">No rows, or the masking selects no position in any of them.</exception>
    public static MaskedEvaluationSet Create(string name, IReadOnlyList<int[]> rows, MlmCollator collator, MaskingPhase phase, int batchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(collator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (rows.Count == 0)
        {
            throw new ArgumentException($"Masked evaluation set '{name}': no rows.", nameof(rows));
        }

        var batches = new List<MlmBatch>();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var slice = new int[Math.Min(batchSize, rows.Count - start)][];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = rows[start + i];
            }

            var batch = collator.Collate(slice, batches.Count, phase);
            batches.Add(batch);
        }

        var set = new MaskedEvaluationSet(name, [.. batches], collator.K);
        if (set.PredictedTokens == 0)
        {
            throw new ArgumentException($"Masked evaluation set '{name}': the masking '{phase.Name}' selects no position in {rows.Count} rows; use more rows.", nameof(rows));
        }

        return set;
    }

    /// <summary>A set over batches masked elsewhere (e.g. built by hand).</summary>
    internal static MaskedEvaluationSet FromBatches(string name, IReadOnlyList<MlmBatch> batches, int k) => new(name, [.. batches], k);

    /// <summary>
    /// The loss of <paramref name="predictor"/> on the set: −ln p(label) at every predicted position, from the
    /// distributions it writes, averaged per input kind.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The first position of a batch does not get a distribution (its probabilities do not sum to 1 within 10⁻³).
    /// </exception>
    public MaskedLoss Score(IMaskedTokenPredictor predictor)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var vocabulary = VocabularySize;
        var buffer = new float[(long)_maxPositions * vocabulary];
        return Accumulate((batch, positions, losses) =>
        {
            if (positions.IsEmpty)
            {
                return; // a batch in which the masking selected nothing
            }

            var logProbabilities = buffer.AsSpan(0, positions.Length * vocabulary);
            predictor.PredictLogProbabilities(batch, positions, logProbabilities);
            CheckDistribution(logProbabilities[..vocabulary], batch.BatchIndex);
            for (var i = 0; i < positions.Length; i++)
            {
                var label = (int)batch.Labels[positions[i]];
                losses[i] = -(double)logProbabilities[(i * vocabulary) + label];
            }
        });
    }

    /// <summary>
    /// The context-free loss: −ln p(label) under <paramref name="frequencies"/> at every predicted position, i.e. the
    /// loss of a predictor that ignores the input and always answers the training set's k-mer frequencies. On the
    /// <c>[MASK]</c> positions (<see cref="MaskedLoss.MaskTokenLoss"/>) it is what a model that learned from context
    /// must go below.
    /// </summary>
    public MaskedLoss ScoreContextFree(KmerFrequencies frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        return Accumulate((batch, positions, losses) =>
        {
            for (var i = 0; i < positions.Length; i++)
            {
                losses[i] = frequencies.NegativeLogProbability((int)batch.Labels[positions[i]]);
            }
        });
    }

    /// <summary>The context-free loss over all predicted positions (<see cref="ScoreContextFree"/>'s <see cref="MaskedLoss.Loss"/>).</summary>
    public double ContextFreeLoss(KmerFrequencies frequencies) => ScoreContextFree(frequencies).Loss;

    /// <summary>
    /// The copy-aware context-free baseline: a predictor that reads no neighbour. Where the input is <c>[MASK]</c> it
    /// answers <paramref name="frequencies"/>; where the input is a token v it puts ½ on v and spreads the other ½ by
    /// the frequencies, p(y) = ½·[y = v] + ½·f(y). Under 80/10/10 its full loss is about 0.9·CF + 0.2·ln 2 (CF the
    /// context-free loss): a model's full loss must beat this, not CF, before it says anything about context.
    /// </summary>
    /// <remarks>
    /// Per position: CF(y) on <c>[MASK]</c>, CF(y) + ln 2 on a random token, ln 2 − ln(1 + f(y)) on the true token. So on
    /// positions split exactly 80/10/10 with equal CF in each part the loss is 0.9·CF + 0.2·ln 2 − 0.1·mean ln(1 + f(y)),
    /// the last term below 10⁻³ for 6-mers.
    /// </remarks>
    public MaskedLoss ScoreCopyBaseline(KmerFrequencies frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        return Accumulate((batch, positions, losses) =>
        {
            for (var i = 0; i < positions.Length; i++)
            {
                var label = (int)batch.Labels[positions[i]];
                var input = batch.InputIds[positions[i]];
                var contextFree = frequencies.NegativeLogProbability(label);
                losses[i] = input == SpecialTokens.Mask ? contextFree
                    : input == label ? Ln2 - Math.Log(1 + Math.Exp(-contextFree))
                    : contextFree + Ln2;
            }
        });
    }

    /// <summary>
    /// The neighbour oracle: a predictor that knows every base the row's unmasked tokens reveal and nothing else, and is
    /// uniform over the rest, so its loss at a predicted k-mer is ln 4 per base of that k-mer that no unmasked token
    /// reveals: a reference floor for a model that reads the row's own tokens (ln 4 at a position of an isolated
    /// DNABERT 6-token span, whose neighbours leave one base unknown; overlapping spans and row edges hide more).
    /// </summary>
    /// <remarks>
    /// A token reveals its k bases when it is not predicted (its label is −100) and it is a k-mer ([CLS], [SEP],
    /// [PAD] and [UNK] reveal nothing). The k-mer at column c of a row covers bases c − 1 … c + k − 2 of the row's
    /// sequence. Predicted tokens reveal nothing, whatever their input shows: the oracle does not depend on the
    /// 80/10/10 draw, so its loss is the same for every input kind in expectation.
    /// </remarks>
    public MaskedLoss ScoreNeighbourOracle()
    {
        var k = K;
        var revealed = Array.Empty<bool>();
        var unknownBefore = Array.Empty<int>();
        return Accumulate((batch, positions, losses) =>
        {
            var length = batch.SequenceLength;
            var original = batch.OriginalIds;
            var p = 0;
            for (var r = 0; r < batch.BatchSize && p < positions.Length; r++)
            {
                var rowStart = r * length;
                if (positions[p] >= rowStart + length)
                {
                    continue; // nothing predicted in this row
                }

                // Which bases of the row the unmasked k-mers reveal, then a prefix count of the unknown ones, so that a
                // predicted k-mer's unknown bases are one difference.
                var kmers = batch.RowLengths[r] - 2;
                var bases = kmers + k - 1;
                if (revealed.Length < bases)
                {
                    revealed = new bool[bases];
                    unknownBefore = new int[bases + 1];
                }

                revealed.AsSpan(0, bases).Clear();
                for (var c = 1; c <= kmers; c++)
                {
                    var i = rowStart + c;
                    if (batch.Labels[i] == MlmBatch.IgnoreLabel && original[i] >= SpecialTokens.Count)
                    {
                        revealed.AsSpan(c - 1, k).Fill(true);
                    }
                }

                for (var b = 0; b < bases; b++)
                {
                    unknownBefore[b + 1] = unknownBefore[b] + (revealed[b] ? 0 : 1);
                }

                for (; p < positions.Length && positions[p] < rowStart + length; p++)
                {
                    var c = positions[p] - rowStart;
                    losses[p] = (unknownBefore[c - 1 + k] - unknownBefore[c - 1]) * Ln4;
                }
            }
        });
    }

    private static void CheckDistribution(ReadOnlySpan<float> logProbabilities, long batchIndex)
    {
        double total = 0;
        foreach (var value in logProbabilities)
        {
            total += Math.Exp(value);
        }

        if (!(Math.Abs(total - 1) <= 1e-3))
        {
            throw new InvalidOperationException($"Batch {batchIndex}: the predictor's probabilities at the first predicted position sum to {total}, not 1; it must write natural-log probabilities of a distribution over the vocabulary.");
        }
    }

    /// <summary>The one accounting behind every score: each batch's predicted positions, summed per input kind in order.</summary>
    private MaskedLoss Accumulate(PositionLosses lossesOf)
    {
        Span<long> counts = stackalloc long[3];
        Span<double> sums = stackalloc double[3];
        var losses = new double[_maxPositions];
        for (var b = 0; b < _batches.Length; b++)
        {
            var positions = _positions[b];
            var kinds = _kinds[b];
            var batchLosses = losses.AsSpan(0, positions.Length);
            lossesOf(_batches[b], positions, batchLosses);
            for (var i = 0; i < positions.Length; i++)
            {
                counts[(int)kinds[i]]++;
                sums[(int)kinds[i]] += batchLosses[i];
            }
        }

        return MaskedLoss.FromSums(counts, sums);
    }
}

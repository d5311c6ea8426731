using System.Text.Json;

namespace GeneMask.Masking;

/// <summary>
/// Running totals over masked batches — what a user looks at to see what a strategy does: predicted fraction, spans
/// per row (maximal runs of predicted positions), and the [MASK] / random / kept shares.
/// </summary>
public sealed class MaskingSummary
{
    /// <summary>Rows seen.</summary>
    public long Rows { get; private set; }

    /// <summary>Real tokens seen ([CLS] and [SEP] included).</summary>
    public long Tokens { get; private set; }

    /// <summary>Maskable tokens seen.</summary>
    public long MaskableTokens { get; private set; }

    /// <summary>Predicted tokens.</summary>
    public long PredictedTokens { get; private set; }

    /// <summary>Predicted tokens replaced by [MASK].</summary>
    public long MaskTokenReplacements { get; private set; }

    /// <summary>Predicted tokens replaced by a random token.</summary>
    public long RandomReplacements { get; private set; }

    /// <summary>Predicted tokens kept as they were.</summary>
    public long KeptTokens => PredictedTokens - MaskTokenReplacements - RandomReplacements;

    /// <summary>Maximal runs of consecutive predicted positions.</summary>
    public long Spans { get; private set; }

    /// <summary>Predicted share of the maskable tokens.</summary>
    public double PredictedFraction => MaskableTokens == 0 ? 0 : (double)PredictedTokens / MaskableTokens;

    /// <summary>Mean number of spans per row.</summary>
    public double SpansPerRow => Rows == 0 ? 0 : (double)Spans / Rows;

    /// <summary>Adds a batch.</summary>
    public void Add(MlmBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Rows += batch.BatchSize;
        Tokens += batch.RealTokens;
        MaskableTokens += batch.MaskableTokens;
        PredictedTokens += batch.PredictedTokens;
        MaskTokenReplacements += batch.MaskTokenReplacements;
        RandomReplacements += batch.RandomReplacements;
        var predicted = batch.Predicted;
        for (var r = 0; r < batch.BatchSize; r++)
        {
            var row = predicted.Slice(r * batch.SequenceLength, batch.SequenceLength);
            var previous = false;
            foreach (var p in row)
            {
                if (p && !previous)
                {
                    Spans++;
                }

                previous = p;
            }
        }
    }

    /// <summary>
    /// Writes one JSON object per row: <c>{"original_ids":[…],"input_ids":[…],"labels":[…]}</c>, each row without its
    /// padding, ids as in the DNABERT vocabulary, labels −100 where not predicted.
    /// </summary>
    public static void WriteJsonLines(MlmBatch batch, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(destination);
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = false, SkipValidation = false });
        for (var r = 0; r < batch.BatchSize; r++)
        {
            var start = r * batch.SequenceLength;
            var length = batch.RowLengths[r];
            json.WriteStartObject();
            json.WriteStartArray("original_ids");
            foreach (var id in batch.OriginalIds.Slice(start, length))
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("input_ids");
            foreach (var id in batch.InputIds.AsSpan(start, length))
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("labels");
            foreach (var label in batch.Labels.AsSpan(start, length))
            {
                json.WriteNumberValue(label);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            destination.WriteByte((byte)'\n');
            json.Reset();
        }
    }
}

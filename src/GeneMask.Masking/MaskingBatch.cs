namespace GeneMask.Masking;

/// <summary>
/// A batch of model-input rows for a masking strategy: row-major token ids, each row laid out as
/// <c>[CLS] k-mers [SEP] [PAD]…</c>, with the real length of every row.
/// </summary>
/// <remarks>
/// The maskable positions of row <c>r</c> are 1 … <see cref="LastMaskable"/>(r) (= length − 2): everything between
/// <c>[CLS]</c> and <c>[SEP]</c>. <c>[CLS]</c>, <c>[SEP]</c> and <c>[PAD]</c> are never maskable.
/// </remarks>
public readonly ref struct MaskingBatch
{
    /// <summary>Creates a batch view.</summary>
    /// <param name="ids">Row-major ids, <paramref name="rowCount"/> × <paramref name="rowLength"/>.</param>
    /// <param name="lengths">The real length of each row, [CLS] and [SEP] included (2 … <paramref name="rowLength"/>).</param>
    /// <param name="rowCount">Number of rows.</param>
    /// <param name="rowLength">Ids per row (the padded length).</param>
    /// <exception cref="ArgumentException">The shapes do not agree or a length is out of range.</exception>
    public MaskingBatch(ReadOnlySpan<int> ids, ReadOnlySpan<int> lengths, int rowCount, int rowLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowLength, 2);
        if ((long)rowCount * rowLength > ids.Length)
        {
            throw new ArgumentException($"{rowCount} rows of {rowLength} ids need {(long)rowCount * rowLength} ids; the span holds {ids.Length}.", nameof(ids));
        }

        if (lengths.Length < rowCount)
        {
            throw new ArgumentException($"Expected {rowCount} row lengths, got {lengths.Length}.", nameof(lengths));
        }

        for (var r = 0; r < rowCount; r++)
        {
            if (lengths[r] < 2 || lengths[r] > rowLength)
            {
                throw new ArgumentException($"Row {r} has length {lengths[r]}; a row holds [CLS] and [SEP], so its length must be between 2 and {rowLength}.", nameof(lengths));
            }
        }

        Ids = ids[..(rowCount * rowLength)];
        Lengths = lengths[..rowCount];
        RowCount = rowCount;
        RowLength = rowLength;
    }

    /// <summary>Row-major ids.</summary>
    public ReadOnlySpan<int> Ids { get; }

    /// <summary>The real length of each row ([CLS] and [SEP] included).</summary>
    public ReadOnlySpan<int> Lengths { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Ids per row (padded length).</summary>
    public int RowLength { get; }

    /// <summary>The ids of row <paramref name="row"/> (padded length).</summary>
    public ReadOnlySpan<int> Row(int row) => Ids.Slice(row * RowLength, RowLength);

    /// <summary>The last maskable position of a row (its length − 2); 0 when the row has no k-mer.</summary>
    public int LastMaskable(int row) => Lengths[row] - 2;
}

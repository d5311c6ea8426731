namespace GeneMask.Masking;

/// <summary>
/// A reusable list of rows of k-mer ids (no [CLS]/[SEP]) stored back to back: the input of <see cref="MlmCollator"/>.
/// Clear and refill it for every batch; its buffers grow once and are then reused.
/// </summary>
public sealed class KmerRows
{
    private int[] _ids;
    private int[] _starts;
    private int _count;
    private int _used;

    /// <summary>Creates an empty list.</summary>
    /// <param name="capacityRows">Rows to reserve room for.</param>
    /// <param name="capacityIdsPerRow">Ids per row to reserve room for.</param>
    public KmerRows(int capacityRows = 16, int capacityIdsPerRow = 510)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityRows);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityIdsPerRow);
        _ids = new int[Math.Max(1, capacityRows * capacityIdsPerRow)];
        _starts = new int[capacityRows + 1];
    }

    /// <summary>Number of rows.</summary>
    public int Count => _count;

    /// <summary>The ids of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _ids.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);
        }
    }

    /// <summary>Removes all rows (keeps the buffers).</summary>
    public void Clear()
    {
        _count = 0;
        _used = 0;
    }

    /// <summary>Appends a copy of a row.</summary>
    public void Add(ReadOnlySpan<int> kmerIds) => kmerIds.CopyTo(Append(kmerIds.Length));

    /// <summary>Appends a row of <paramref name="length"/> ids and returns it for the caller to fill in place.</summary>
    public Span<int> Append(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (_used + length > _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(_ids.Length * 2, _used + length));
        }

        if (_count + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2 + 2);
        }

        var row = _ids.AsSpan(_used, length);
        _starts[_count] = _used;
        _used += length;
        _count++;
        _starts[_count] = _used;
        return row;
    }
}

namespace GeneMask.Evaluation.Datasets;

/// <summary>What a dataset reader checks while reading; a <see cref="TaskDescriptor"/> provides the promises of a known task.</summary>
public sealed record DatasetReadOptions
{
    /// <summary>Number of classes; a label outside 0 … ClassCount − 1 is an error. Null accepts any label ≥ 0.</summary>
    public int? ClassCount { get; init; }

    /// <summary>Shortest allowed sequence in bases (at least 1: an empty sequence is always an error).</summary>
    public int MinLength { get; init; } = 1;

    /// <summary>Longest allowed sequence in bases. Equal to <see cref="MinLength"/> when every sequence must have one length.</summary>
    public int MaxLength { get; init; } = int.MaxValue;

    /// <summary>Require every sequence of the file to have the length of the first one (a task that promises one length).</summary>
    public bool RequireUniformLength { get; init; }

    /// <summary>k of k-mer text (TSV layout).</summary>
    public int K { get; init; } = 6;

    /// <summary>The header key that carries the label in FASTA headers (<c>&gt;id label=1</c>).</summary>
    public string FastaLabelKey { get; init; } = "label";
}

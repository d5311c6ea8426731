namespace GeneMask.Evaluation.Datasets;

/// <summary>How the files of a task are laid out.</summary>
public enum DatasetFormat
{
    /// <summary>GUE: <c>train.csv</c>/<c>dev.csv</c>/<c>test.csv</c>, header <c>sequence,label</c>, raw bases.</summary>
    GueCsv,

    /// <summary>GeneMask/DNABERT: TSV, header <c>sequence&lt;TAB&gt;label</c>, space-separated overlapping k-mers, optionally quoted.</summary>
    KmerTsv,

    /// <summary>FASTA with the label in each header (<c>&gt;id label=1</c>).</summary>
    LabelledFasta,
}

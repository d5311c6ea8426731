using System.Text.Json;

namespace GeneMask.Tokenization;

/// <summary>What <see cref="PretrainingCorpusBuilder"/> read, dropped and wrote. Every base read is accounted for:
/// <see cref="BasesRead"/> = <see cref="BasesKept"/> + <see cref="NBasesDropped"/> + <see cref="OtherBasesDropped"/> +
/// <see cref="ShortBasesDropped"/> + <see cref="DuplicateBasesDropped"/>.</summary>
public sealed record PretrainingCorpusReport
{
    /// <summary>The FASTA files read, in order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The seed used.</summary>
    public required long Seed { get; init; }

    /// <summary>The k of the k-mers written.</summary>
    public required int K { get; init; }

    /// <summary>FASTA records read.</summary>
    public long Records { get; init; }

    /// <summary>Bases read (every sequence letter of every record).</summary>
    public long BasesRead { get; init; }

    /// <summary>Bases written in the output rows.</summary>
    public long BasesKept { get; init; }

    /// <summary>N/n bases removed (the sequence is joined across them).</summary>
    public long NBasesDropped { get; init; }

    /// <summary>Other letters than A/C/G/T/N removed (IUPAC ambiguity codes, gaps).</summary>
    public long OtherBasesDropped { get; init; }

    /// <summary>Bases of record tails shorter than the minimum chunk length, and of chunks with fewer than k bases.</summary>
    public long ShortBasesDropped { get; init; }

    /// <summary>Bases of the duplicate chunks that were dropped.</summary>
    public long DuplicateBasesDropped { get; init; }

    /// <summary>Chunks cut (before de-duplication, without the dropped short ones).</summary>
    public long Chunks { get; init; }

    /// <summary>Chunks of exactly the full length.</summary>
    public long FullLengthChunks { get; init; }

    /// <summary>Chunks dropped because an identical chunk came earlier.</summary>
    public long DuplicatesDropped { get; init; }

    /// <summary>Rows in the training split.</summary>
    public long TrainRows { get; init; }

    /// <summary>Rows in the validation split.</summary>
    public long ValidationRows { get; init; }

    /// <summary>k-mer tokens in the training split.</summary>
    public long TrainTokens { get; init; }

    /// <summary>k-mer tokens in the validation split.</summary>
    public long ValidationTokens { get; init; }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CorpusJsonContext.Default.PretrainingCorpusReport);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static PretrainingCorpusReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, CorpusJsonContext.Default.PretrainingCorpusReport)
        ?? throw new GeneMaskFormatException("The corpus report is empty (JSON null).");
}

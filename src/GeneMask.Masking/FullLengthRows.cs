using GeneMask.Tokenization;

namespace GeneMask.Masking;

/// <summary>
/// Builds full-length model rows from genomic sequence: consecutive, non-overlapping stretches of A/C/G/T (either case)
/// long enough for <c>kmersPerRow</c> k-mers, each tokenized into k-mer ids (no [CLS]/[SEP]). Stretches interrupted by
/// any other letter (N, IUPAC codes) are skipped, so no row holds [UNK].
/// </summary>
public static class FullLengthRows
{
    /// <summary>Rows from the records of a FASTA file (plain, gzip or bgzip), in file order.</summary>
    /// <param name="fastaPath">The FASTA file.</param>
    /// <param name="tokenizer">The tokenizer (its k and its maximum of k-mers per row).</param>
    /// <param name="kmersPerRow">k-mers per row; <see langword="null"/> for the tokenizer's maximum (510 for BERT's 512).</param>
    /// <param name="maxRows">Stop after this many rows.</param>
    public static IEnumerable<int[]> FromFasta(string fastaPath, KmerTokenizer tokenizer, int? kmersPerRow = null, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(fastaPath);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var kmers = kmersPerRow ?? tokenizer.MaxKmers;
        ArgumentOutOfRangeException.ThrowIfLessThan(kmers, 1, nameof(kmersPerRow));
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        return FromFastaCore(fastaPath, tokenizer, kmers, maxRows);
    }

    /// <summary>Rows from one sequence, in order.</summary>
    /// <param name="bases">ASCII bases.</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="kmersPerRow">k-mers per row.</param>
    public static IEnumerable<int[]> FromBases(ReadOnlyMemory<byte> bases, KmerTokenizer tokenizer, int kmersPerRow)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(kmersPerRow, 1);
        var window = kmersPerRow + tokenizer.K - 1;
        var run = 0; // start of the current A/C/G/T stretch
        for (var i = 0; i < bases.Length; i++)
        {
            if (Nucleotides.CodeTable[bases.Span[i]] == Nucleotides.Invalid)
            {
                run = i + 1;
                continue;
            }

            if (i - run + 1 == window)
            {
                var row = new int[kmersPerRow];
                tokenizer.EncodeKmers(bases.Span.Slice(run, window), row);
                yield return row;
                run = i + 1;
            }
        }
    }

    private static IEnumerable<int[]> FromFastaCore(string fastaPath, KmerTokenizer tokenizer, int kmers, int maxRows)
    {
        if (maxRows == 0)
        {
            yield break;
        }

        var produced = 0;
        using var reader = FastaReader.Open(fastaPath);
        foreach (var record in reader.ReadRecords())
        {
            foreach (var row in FromBases(record.Bases, tokenizer, kmers))
            {
                yield return row;
                if (++produced == maxRows)
                {
                    yield break;
                }
            }
        }
    }
}

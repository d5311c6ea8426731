using System.Numerics;
using System.Text;
using GeneMask.Infrastructure;

namespace GeneMask.Tokenization;

/// <summary>
/// Overlapping k-mer tokenizer (stride 1) with DNABERT's vocabulary: <c>[PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4</c>,
/// then the 4^k k-mers in Cartesian-product order over A, T, C, G.
/// </summary>
/// <remarks>
/// The vocabulary is generated, not read: the id of a k-mer is <see cref="SpecialTokens.Count"/> plus its base-4
/// code (<see cref="Nucleotides"/>). Lower-case (soft-masked) bases are read as upper case; a k-mer holding anything
/// but A/C/G/T becomes <see cref="SpecialTokens.Unknown"/>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class KmerTokenizer
{
    /// <summary>The k of the paper and of DNABERT-6.</summary>
    public const int DefaultK = 6;

    /// <summary>BERT's maximum input length: [CLS], 510 k-mers, [SEP].</summary>
    public const int DefaultMaxLength = 512;

    /// <summary>Smallest supported k.</summary>
    public const int MinK = 1;

    /// <summary>Largest supported k (4^8 + 5 ids).</summary>
    public const int MaxK = 8;

    private readonly int _codeMask;

    private KmerTokenizer(int k, int maxLength)
    {
        CheckK(k);

        if (maxLength < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must leave room for [CLS], one k-mer and [SEP] (at least 3).");
        }

        K = k;
        MaxLength = maxLength;
        _codeMask = Nucleotides.KmerCount(k) - 1;
    }

    /// <summary>The k-mer length.</summary>
    public int K { get; }

    /// <summary>Maximum number of ids of an encoded sequence, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; }

    /// <summary>Maximum number of k-mers of an encoded sequence (<see cref="MaxLength"/> − 2).</summary>
    public int MaxKmers => MaxLength - 2;

    /// <summary>Number of ids: 5 special tokens plus 4^k k-mers.</summary>
    public int VocabularySize => SpecialTokens.Count + Nucleotides.KmerCount(K);

    /// <summary>Creates a tokenizer for k-mers of length <paramref name="k"/> (1…8).</summary>
    /// <param name="k">The k-mer length.</param>
    /// <param name="maxLength">Maximum encoded length, [CLS] and [SEP] included.</param>
    public static KmerTokenizer Create(int k = DefaultK, int maxLength = DefaultMaxLength) => new(k, maxLength);

    /// <summary>Creates a tokenizer from a DNABERT <c>vocab.txt</c> (one token a line, id = line number).</summary>
    /// <exception cref="FormatException">The file is not a DNABERT k-mer vocabulary; the message names the line.</exception>
    public static KmerTokenizer FromVocabFile(string path, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return FromVocab(stream, maxLength, path);
    }

    /// <summary>Creates a tokenizer from a DNABERT vocabulary stream.</summary>
    /// <param name="stream">The vocabulary text, UTF-8.</param>
    /// <param name="maxLength">Maximum encoded length.</param>
    /// <param name="sourceName">Name used in error messages (a file name).</param>
    public static KmerTokenizer FromVocab(Stream stream, int maxLength = DefaultMaxLength, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        sourceName ??= "vocabulary";
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line.TrimEnd());
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count <= SpecialTokens.Count)
        {
            throw new VocabularyFormatException($"{sourceName}: expected {SpecialTokens.Count} special tokens followed by k-mers, found {lines.Count} lines.");
        }

        var k = lines[SpecialTokens.Count].Length;
        if (k is < MinK or > MaxK)
        {
            throw new VocabularyFormatException($"{sourceName}, line {SpecialTokens.Count + 1}: expected a k-mer of length {MinK}..{MaxK}, found '{lines[SpecialTokens.Count]}'.");
        }

        var tokenizer = new KmerTokenizer(k, maxLength);
        // Compare line by line first, so that a missing, extra or swapped line is named by its number.
        for (var id = 0; id < Math.Min(lines.Count, tokenizer.VocabularySize); id++)
        {
            var expected = tokenizer.GetToken(id);
            if (!string.Equals(lines[id], expected, StringComparison.Ordinal))
            {
                throw new VocabularyFormatException($"{sourceName}, line {id + 1}: expected '{expected}' (DNABERT order: specials, then k-mers over A,T,C,G), found '{lines[id]}'.");
            }
        }

        if (lines.Count < tokenizer.VocabularySize)
        {
            throw new VocabularyFormatException($"{sourceName}, line {lines.Count + 1}: expected '{tokenizer.GetToken(lines.Count)}', found the end of the file (a {k}-mer vocabulary has {tokenizer.VocabularySize} lines, this one {lines.Count}).");
        }

        if (lines.Count > tokenizer.VocabularySize)
        {
            throw new VocabularyFormatException($"{sourceName}, line {tokenizer.VocabularySize + 1}: expected the end of the file (a {k}-mer vocabulary has {tokenizer.VocabularySize} lines), found '{lines[tokenizer.VocabularySize]}'.");
        }

        return tokenizer;
    }

    /// <summary>Writes the vocabulary in DNABERT's <c>vocab.txt</c> format (atomically: temporary file, then rename).</summary>
    public void SaveVocab(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, SaveVocab);
    }

    /// <summary>Writes the vocabulary in DNABERT's <c>vocab.txt</c> format.</summary>
    public void SaveVocab(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        for (var id = 0; id < VocabularySize; id++)
        {
            writer.WriteLine(GetToken(id));
        }
    }

    /// <summary>The token string of an id: a special token or a k-mer.</summary>
    public string GetToken(int id)
    {
        if ((uint)id >= (uint)VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token ids run from 0 to {VocabularySize - 1}.");
        }

        if (id < SpecialTokens.Count)
        {
            return SpecialTokens.Names[id];
        }

        return string.Create(K, id - SpecialTokens.Count, (span, code) => WriteKmer(code, span));
    }

    /// <summary>The id of a token string (a special token or a k-mer, either case); <see cref="SpecialTokens.Unknown"/> otherwise.</summary>
    public int GetTokenId(ReadOnlySpan<char> token)
    {
        if (token.Length == K)
        {
            var code = 0;
            foreach (var c in token)
            {
                var b = Nucleotides.CodeOf(c);
                if (b == Nucleotides.Invalid)
                {
                    code = -1;
                    break;
                }

                code = (code << 2) | b;
            }

            if (code >= 0)
            {
                return SpecialTokens.Count + code;
            }
        }

        for (var i = 0; i < SpecialTokens.Count; i++)
        {
            if (token.SequenceEqual(SpecialTokens.Names[i]))
            {
                return i;
            }
        }

        return SpecialTokens.Unknown;
    }

    /// <summary>Whether an id is a k-mer (not a special token).</summary>
    public bool IsKmer(int id) => id >= SpecialTokens.Count && id < VocabularySize;

    /// <summary>Number of k-mers in a sequence of <paramref name="baseCount"/> bases (L − k + 1, at least 0).</summary>
    public int CountKmers(int baseCount) => Math.Max(0, baseCount - K + 1);

    /// <summary>
    /// The model input length of a row of <paramref name="baseCount"/> bases: its k-mers (L − k + 1, none below k bases)
    /// plus [CLS] and [SEP], before any truncation to a maximum length.
    /// </summary>
    /// <param name="baseCount">The row's length in bases, at least 0.</param>
    /// <param name="k">The k-mer length.</param>
    public static int EncodedLength(int baseCount, int k = DefaultK)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseCount);
        CheckK(k);
        return Math.Max(0, baseCount - k + 1) + 2;
    }

    /// <summary>The longest row of bases whose encoding (k-mers plus [CLS] and [SEP]) fits <paramref name="encodedLength"/> ids.</summary>
    /// <param name="encodedLength">The model's input length (e.g. its positions), at least 3.</param>
    /// <param name="k">The k-mer length.</param>
    public static int MaxBases(int encodedLength, int k = DefaultK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(encodedLength, 3);
        CheckK(k);
        return encodedLength - 2 + k - 1;
    }

    /// <summary>Writes the k-mer ids of ASCII bases into <paramref name="ids"/> (no special tokens, no truncation).</summary>
    /// <returns>The number of ids written, L − k + 1.</returns>
    public int EncodeKmers(ReadOnlySpan<byte> bases, Span<int> ids) => EncodeKmersCore(bases, ids);

    /// <summary>Writes the k-mer ids of bases into <paramref name="ids"/> (no special tokens, no truncation).</summary>
    /// <returns>The number of ids written, L − k + 1.</returns>
    public int EncodeKmers(ReadOnlySpan<char> bases, Span<int> ids) => EncodeKmersCore(bases, ids);

    /// <summary>
    /// The bare k-mer ids of a sequence (no [CLS]/[SEP], no truncation) in a new array: the rows
    /// <c>MlmCollator.Collate</c> takes (it adds the special tokens itself).
    /// </summary>
    /// <returns>L − k + 1 ids ([UNK] for a k-mer holding a base other than A/C/G/T); empty for a sequence shorter than k.</returns>
    public int[] EncodeKmers(string bases)
    {
        ArgumentNullException.ThrowIfNull(bases);
        return EncodeKmers(bases.AsSpan());
    }

    /// <inheritdoc cref="EncodeKmers(string)"/>
    public int[] EncodeKmers(ReadOnlySpan<char> bases)
    {
        var ids = new int[CountKmers(bases.Length)];
        EncodeKmersCore(bases, ids);
        return ids;
    }

    /// <inheritdoc cref="EncodeKmers(string)"/>
    public int[] EncodeKmers(ReadOnlySpan<byte> bases)
    {
        var ids = new int[CountKmers(bases.Length)];
        EncodeKmersCore(bases, ids);
        return ids;
    }

    /// <summary>
    /// Encodes one sequence as model input: <c>[CLS] k-mers [SEP]</c>, truncated to <see cref="MaxLength"/>, optionally
    /// padded with [PAD] to the length of <paramref name="ids"/>.
    /// </summary>
    /// <param name="bases">ASCII bases.</param>
    /// <param name="ids">Receives the ids; at least the encoded length (or the padded length).</param>
    /// <param name="attentionMask">Receives 1 for real tokens and 0 for padding; empty to skip, else as long as <paramref name="ids"/>.</param>
    /// <param name="pad">Fill the rest of <paramref name="ids"/> with [PAD].</param>
    /// <returns>The number of real ids ([CLS] and [SEP] included).</returns>
    public int Encode(ReadOnlySpan<byte> bases, Span<int> ids, Span<int> attentionMask = default, bool pad = false) =>
        EncodeRow(bases, ids, attentionMask, pad);

    /// <inheritdoc cref="Encode(ReadOnlySpan{byte}, Span{int}, Span{int}, bool)"/>
    public int Encode(ReadOnlySpan<char> bases, Span<int> ids, Span<int> attentionMask = default, bool pad = false) =>
        EncodeRow(bases, ids, attentionMask, pad);

    /// <summary>Encodes one sequence as <c>[CLS] k-mers [SEP]</c> (truncated, not padded) into a new array.</summary>
    public int[] Encode(string bases)
    {
        ArgumentNullException.ThrowIfNull(bases);
        var buffer = new int[Math.Min(CountKmers(bases.Length), MaxKmers) + 2];
        Encode(bases.AsSpan(), buffer);
        return buffer;
    }

    /// <summary>
    /// Encodes a batch into caller-provided row-major buffers of <c>sequences.Count × rowLength</c> ids, each row
    /// padded with [PAD]; <paramref name="lengths"/> receives the real length of each row.
    /// </summary>
    /// <param name="sequences">The sequences (bases).</param>
    /// <param name="rowLength">Ids per row, at most <see cref="MaxLength"/>; longer sequences are truncated to it.</param>
    /// <param name="ids">Receives the ids.</param>
    /// <param name="attentionMask">Receives the attention mask (same shape), or empty to skip.</param>
    /// <param name="lengths">Receives one length per row, or empty to skip.</param>
    public void EncodeBatch(IReadOnlyList<string> sequences, int rowLength, Span<int> ids, Span<int> attentionMask = default, Span<int> lengths = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (rowLength < 3 || rowLength > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLength), rowLength, $"rowLength must be between 3 and {MaxLength}.");
        }

        var needed = sequences.Count * rowLength;
        if (ids.Length < needed || (!attentionMask.IsEmpty && attentionMask.Length < needed) || (!lengths.IsEmpty && lengths.Length < sequences.Count))
        {
            throw new ArgumentException($"Buffers too small for {sequences.Count} rows of {rowLength} ids.");
        }

        var rowKmers = rowLength - 2;
        for (var r = 0; r < sequences.Count; r++)
        {
            var bases = sequences[r].AsSpan();
            bases = bases[..Math.Min(bases.Length, rowKmers + K - 1)];
            var row = ids.Slice(r * rowLength, rowLength);
            var mask = attentionMask.IsEmpty ? default : attentionMask.Slice(r * rowLength, rowLength);
            var used = Encode(bases, row, mask, pad: true);
            if (!lengths.IsEmpty)
            {
                lengths[r] = used;
            }
        }
    }

    /// <summary>The k-mers of the ids as space-separated text; special tokens are skipped unless asked for.</summary>
    public string DecodeToKmerText(ReadOnlySpan<int> ids, bool includeSpecialTokens = false)
    {
        var builder = new StringBuilder(ids.Length * (K + 1));
        foreach (var id in ids)
        {
            if (!includeSpecialTokens && SpecialTokens.IsSpecial(id))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(GetToken(id));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The bases spelled by consecutive overlapping k-mer ids: the first k-mer and then the last base of each next one.
    /// Special tokens other than [UNK] are skipped; a base known only from [UNK] is written as <c>N</c>.
    /// </summary>
    public string DecodeToBases(ReadOnlySpan<int> ids)
    {
        var builder = new StringBuilder(ids.Length + K);
        Span<char> kmer = stackalloc char[K];
        var first = true;
        foreach (var id in ids)
        {
            if (SpecialTokens.IsSpecial(id) && id != SpecialTokens.Unknown)
            {
                continue;
            }

            if (id == SpecialTokens.Unknown)
            {
                kmer.Fill('N');
            }
            else
            {
                if ((uint)id >= (uint)VocabularySize)
                {
                    throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token ids run from 0 to {VocabularySize - 1}.");
                }

                WriteKmer(id - SpecialTokens.Count, kmer);
            }

            if (first)
            {
                builder.Append(kmer);
                first = false;
            }
            else
            {
                builder.Append(kmer[^1]);
            }
        }

        return builder.ToString();
    }

    // One core for bytes and chars: the generic instantiations are specialised by the JIT.
    private int EncodeKmersCore<T>(ReadOnlySpan<T> bases, Span<int> ids)
        where T : unmanaged, IBinaryInteger<T>
    {
        var count = CountKmers(bases.Length);
        if (ids.Length < count)
        {
            throw new ArgumentException($"The id buffer holds {ids.Length} ids; {count} are needed.", nameof(ids));
        }

        var table = Nucleotides.CodeTable;
        var code = 0;
        var run = 0; // valid bases since the last invalid one
        var k = K;
        var mask = _codeMask;
        for (var i = 0; i < bases.Length; i++)
        {
            var value = uint.CreateTruncating(bases[i]);
            var b = value < 256 ? table[(int)value] : Nucleotides.Invalid;
            if (b == Nucleotides.Invalid)
            {
                run = 0;
                code = 0;
            }
            else
            {
                code = ((code << 2) | b) & mask;
                run++;
            }

            var start = i - k + 1;
            if (start >= 0)
            {
                ids[start] = run >= k ? SpecialTokens.Count + code : SpecialTokens.Unknown;
            }
        }

        return count;
    }

    private int EncodeRow<T>(ReadOnlySpan<T> bases, Span<int> ids, Span<int> attentionMask, bool pad)
        where T : unmanaged, IBinaryInteger<T>
    {
        var kmers = Math.Min(CountKmers(bases.Length), MaxKmers);
        var used = kmers + 2;
        CheckRow(ids, attentionMask, used);
        ids[0] = SpecialTokens.Cls;
        EncodeKmersCore(bases[..Math.Min(bases.Length, kmers + K - 1)], ids.Slice(1, kmers));
        ids[used - 1] = SpecialTokens.Sep;
        return FinishRow(ids, attentionMask, used, pad);
    }

    private void WriteKmer(int code, Span<char> destination)
    {
        for (var i = K - 1; i >= 0; i--)
        {
            destination[i] = Nucleotides.BaseOf(code & 3);
            code >>= 2;
        }
    }

    private static void CheckK(int k)
    {
        if (k is < MinK or > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between {MinK} and {MaxK}.");
        }
    }

    private static void CheckRow(Span<int> ids, Span<int> attentionMask, int used)
    {
        if (ids.Length < used)
        {
            throw new ArgumentException($"The id buffer holds {ids.Length} ids; {used} are needed.", nameof(ids));
        }

        if (!attentionMask.IsEmpty && attentionMask.Length < ids.Length)
        {
            throw new ArgumentException("The attention mask must be as long as the id buffer.", nameof(attentionMask));
        }
    }

    private static int FinishRow(Span<int> ids, Span<int> attentionMask, int used, bool pad)
    {
        if (pad)
        {
            ids[used..].Clear(); // [PAD] is id 0
        }

        if (!attentionMask.IsEmpty)
        {
            attentionMask[..used].Fill(1);
            attentionMask[used..ids.Length].Clear();
        }

        return used;
    }
}

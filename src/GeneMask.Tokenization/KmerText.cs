namespace GeneMask.Tokenization;

/// <summary>
/// Conversions between bases and the space-separated overlapping k-mer text that DNABERT and GeneMask data files use
/// (<c>ACGTACGT</c> ↔ <c>ACGTAC CGTACG GTACGT</c> for k = 6).
/// </summary>
/// <remarks>Characters are copied as they are (no case change); the tokenizer decides what counts as a base.</remarks>
public static class KmerText
{
    /// <summary>The length of the k-mer text of <paramref name="baseCount"/> bases: n k-mers of k characters and n − 1 spaces.</summary>
    public static int GetTextLength(int baseCount, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(baseCount);
        var kmers = baseCount - k + 1;
        return kmers <= 0 ? 0 : checked((kmers * (k + 1)) - 1);
    }

    /// <summary>The overlapping k-mers of <paramref name="bases"/>, separated by single spaces (empty if fewer than k bases).</summary>
    public static string FromBases(ReadOnlySpan<char> bases, int k)
    {
        var length = GetTextLength(bases.Length, k);
        if (length == 0)
        {
            return string.Empty;
        }

        char[]? rented = null;
        var buffer = length <= 4096 ? stackalloc char[length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        WriteKmers(bases, k, buffer);
        var text = new string(buffer[..length]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return text;
    }

    /// <summary>Writes the k-mer text of ASCII bases into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="GetTextLength(int, int)"/>.</exception>
    public static int FromBases(ReadOnlySpan<byte> bases, int k, Span<byte> destination) => WriteKmers(bases, k, destination);

    /// <summary>Writes the k-mer text of bases into <paramref name="destination"/>; returns the characters written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="GetTextLength(int, int)"/>.</exception>
    public static int FromBases(ReadOnlySpan<char> bases, int k, Span<char> destination) => WriteKmers(bases, k, destination);

    /// <summary>
    /// The bases spelled by overlapping k-mer text: the first k-mer, then the last character of each next one. Surrounding
    /// white space and one pair of surrounding double quotes (as in quoted TSV fields) are removed first; k is the length
    /// of the first k-mer.
    /// </summary>
    /// <exception cref="FormatException">A k-mer has another length or does not overlap its predecessor; the message names it.</exception>
    public static string ToBases(ReadOnlySpan<char> kmerText)
    {
        var body = Unquote(kmerText);
        if (body.IsEmpty)
        {
            return string.Empty;
        }

        var buffer = body.Length <= 4096 ? stackalloc char[body.Length] : new char[body.Length];
        var count = ToBasesCore(body, buffer);
        return new string(buffer[..count]);
    }

    /// <summary>Writes the bases spelled by k-mer text into <paramref name="destination"/>; returns the characters written.</summary>
    /// <exception cref="FormatException">The text is not overlapping k-mer text.</exception>
    /// <exception cref="ArgumentException">The destination is too short (the text's length always suffices).</exception>
    public static int ToBases(ReadOnlySpan<char> kmerText, Span<char> destination) => ToBasesCore(Unquote(kmerText), destination);

    private static int WriteKmers<T>(ReadOnlySpan<T> bases, int k, Span<T> destination)
        where T : unmanaged, IEquatable<T>
    {
        var length = GetTextLength(bases.Length, k);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} characters; {length} are needed.", nameof(destination));
        }

        var space = typeof(T) == typeof(byte) ? (T)(object)(byte)' ' : (T)(object)' ';
        var kmers = bases.Length - k + 1;
        var position = 0;
        for (var i = 0; i < kmers; i++)
        {
            if (i > 0)
            {
                destination[position++] = space;
            }

            bases.Slice(i, k).CopyTo(destination[position..]);
            position += k;
        }

        return length;
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var opens = text.Length > 0 && text[0] == '"';
        var closes = text.Length > 1 && text[^1] == '"';
        if (opens != closes || (opens && text.Length == 1))
        {
            throw new GeneMaskFormatException($"k-mer text has an unmatched double quote: '{Shorten(text)}'.");
        }

        return opens ? text[1..^1].Trim() : text;
    }

    private static int ToBasesCore(ReadOnlySpan<char> text, Span<char> destination)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var written = 0;
        var index = 0;
        var k = 0;
        ReadOnlySpan<char> previous = default;
        while (!text.IsEmpty)
        {
            var end = text.IndexOfAny(' ', '\t');
            var token = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..].TrimStart();
            index++;
            if (index == 1)
            {
                k = token.Length;
                Reserve(destination, written, k);
                token.CopyTo(destination);
                written = k;
            }
            else
            {
                if (token.Length != k)
                {
                    throw new GeneMaskFormatException($"k-mer {index} ('{token}') has {token.Length} characters; the first k-mer has {k}.");
                }

                if (!token[..^1].SequenceEqual(previous[1..]))
                {
                    throw new GeneMaskFormatException($"k-mer {index} ('{token}') does not overlap k-mer {index - 1} ('{previous}'): expected it to start with '{previous[1..]}'.");
                }

                Reserve(destination, written, 1);
                destination[written++] = token[^1];
            }

            previous = token;
        }

        return written;
    }

    private static void Reserve(Span<char> destination, int written, int more)
    {
        if (destination.Length < written + more)
        {
            throw new ArgumentException($"The destination holds {destination.Length} characters; more are needed.", nameof(destination));
        }
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");
}

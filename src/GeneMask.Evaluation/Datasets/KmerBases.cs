namespace GeneMask.Evaluation.Datasets;

/// <summary>Turns space-separated overlapping k-mers back into bases, checking that neighbours overlap.</summary>
internal static class KmerBases
{
    /// <summary>
    /// Converts <c>ACGTAC CGTACG GTACGT</c> to <c>ACGTACGT</c>: the first k-mer plus the last base of each following one.
    /// Returns an error message (and null bases) instead of throwing so that the caller can name file and line.
    /// </summary>
    public static string? TryJoin(ReadOnlySpan<char> text, int k, out string? error)
    {
        error = null;
        var tokenCount = 0;
        foreach (var range in text.SplitAny(' ', '\t'))
        {
            if (text[range].Length > 0)
            {
                tokenCount++;
            }
        }

        if (tokenCount == 0)
        {
            error = "empty sequence";
            return null;
        }

        var bases = new char[tokenCount + k - 1];
        ReadOnlySpan<char> previous = default;
        var index = 0;
        foreach (var range in text.SplitAny(' ', '\t'))
        {
            var token = text[range];
            if (token.Length == 0)
            {
                continue;
            }

            if (token.Length != k)
            {
                error = $"k-mer {index + 1} {QuotedText.Quote(token)} has {token.Length} characters; expected {k}";
                return null;
            }

            if (index == 0)
            {
                token.CopyTo(bases);
            }
            else
            {
                if (!token[..(k - 1)].SequenceEqual(previous[1..]))
                {
                    error = $"k-mers {index} {QuotedText.Quote(previous)} and {index + 1} {QuotedText.Quote(token)} do not overlap by {k - 1} bases";
                    return null;
                }

                bases[index + k - 1] = token[k - 1];
            }

            previous = token;
            index++;
        }

        return new string(bases);
    }
}

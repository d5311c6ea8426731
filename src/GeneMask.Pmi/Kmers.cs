using GeneMask.Tokenization;

namespace GeneMask.Pmi;

/// <summary>Conversions between n-gram text and 2-bit codes (first base = most significant digit).</summary>
internal static class Kmers
{
    public static int Encode(ReadOnlySpan<char> ngram, string paramName)
    {
        if (!TryEncode(ngram, out var code))
        {
            throw new ArgumentException($"'{ngram}' is not an n-gram of A/C/G/T.", paramName);
        }

        return code;
    }

    public static bool TryEncode(ReadOnlySpan<char> ngram, out int code)
    {
        code = 0;
        if (ngram.IsEmpty || ngram.Length > NgramCounts.MaxK)
        {
            return false;
        }

        foreach (var c in ngram)
        {
            var b = Nucleotides.CodeOf(c);
            if (b == Nucleotides.Invalid)
            {
                code = 0;
                return false;
            }

            code = (code << 2) | b;
        }

        return true;
    }

    public static string Decode(int code, int n) =>
        string.Create(n, code, static (span, c) =>
        {
            for (var i = span.Length - 1; i >= 0; i--)
            {
                span[i] = Nucleotides.BaseOf(c & 3);
                c >>= 2;
            }
        });
}

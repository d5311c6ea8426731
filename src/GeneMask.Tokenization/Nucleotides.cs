namespace GeneMask.Tokenization;

/// <summary>
/// The 2-bit nucleotide code shared by the whole library: <c>A=0, T=1, C=2, G=3</c>.
/// </summary>
/// <remarks>
/// The order A, T, C, G is DNABERT's vocabulary order, so the base-4 number of a k-mer is
/// exactly its position among the k-mers of the vocabulary (token id = <see cref="SpecialTokens.Count"/> + code).
/// With this order the complement of a base is <c>code ^ 1</c>.
/// </remarks>
public static class Nucleotides
{
    /// <summary>The value <see cref="CodeOf(byte)"/> returns for anything that is not A/C/G/T (either case).</summary>
    public const byte Invalid = 0xFF;

    /// <summary>The four bases in code order.</summary>
    public const string Alphabet = "ATCG";

    private static readonly byte[] Codes = BuildCodes();

    /// <summary>The code table indexed by ASCII byte (256 entries; <see cref="Invalid"/> for non-bases).</summary>
    public static ReadOnlySpan<byte> CodeTable => Codes;

    /// <summary>The 2-bit code of an ASCII base, upper or lower case, or <see cref="Invalid"/>.</summary>
    public static byte CodeOf(byte asciiBase) => Codes[asciiBase];

    /// <summary>The 2-bit code of a base, upper or lower case, or <see cref="Invalid"/>.</summary>
    public static byte CodeOf(char c) => c < 256 ? Codes[c] : Invalid;

    /// <summary>The upper-case base for a 2-bit code.</summary>
    public static char BaseOf(int code) => Alphabet[code];

    /// <summary>The code of the complementary base (A↔T, C↔G).</summary>
    public static int Complement(int code) => code ^ 1;

    /// <summary>Number of k-mers over the four bases, 4^k.</summary>
    public static int KmerCount(int k) => 1 << (2 * k);

    /// <summary>The code of the reverse complement of a k-mer code.</summary>
    public static long ReverseComplement(long code, int k)
    {
        long result = 0;
        for (var i = 0; i < k; i++)
        {
            result = (result << 2) | ((code & 3) ^ 1);
            code >>= 2;
        }

        return result;
    }

    private static byte[] BuildCodes()
    {
        var table = new byte[256];
        Array.Fill(table, Invalid);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (byte)i;
            table[char.ToLowerInvariant(Alphabet[i])] = (byte)i;
        }

        return table;
    }
}

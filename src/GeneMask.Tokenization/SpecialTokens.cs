namespace GeneMask.Tokenization;

/// <summary>The special token ids of the DNABERT vocabulary; k-mers start at <see cref="Count"/>.</summary>
public static class SpecialTokens
{
    /// <summary>Padding, <c>[PAD]</c>.</summary>
    public const int Pad = 0;

    /// <summary>Unknown k-mer (one holding anything but A/C/G/T), <c>[UNK]</c>.</summary>
    public const int Unknown = 1;

    /// <summary>Start of sequence, <c>[CLS]</c>.</summary>
    public const int Cls = 2;

    /// <summary>End of sequence, <c>[SEP]</c>.</summary>
    public const int Sep = 3;

    /// <summary>Mask, <c>[MASK]</c>.</summary>
    public const int Mask = 4;

    /// <summary>Number of special tokens; also the id of the first k-mer.</summary>
    public const int Count = 5;

    /// <summary>The special token strings in id order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>Whether an id is one of the special tokens.</summary>
    public static bool IsSpecial(int id) => (uint)id < Count;
}

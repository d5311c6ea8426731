using System.Globalization;
using System.Text;

namespace GeneMask.Evaluation.Datasets;

/// <summary>
/// Text from a data file as an error message quotes it: at most <see cref="MaxLength"/> characters, and every character
/// that is not printable (control bytes, the replacement character of undecodable bytes, ...) as its code, so that a
/// binary file does not print raw bytes to the terminal.
/// </summary>
internal static class QuotedText
{
    /// <summary>The longest quotation; longer text ends with "…" and its length.</summary>
    public const int MaxLength = 40;

    /// <summary><paramref name="text"/> in single quotes, escaped and shortened.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > MaxLength ? text[..MaxLength] : text)
        {
            builder.Append(IsPrintable(c) ? c.ToString() : Code(c));
        }

        builder.Append('\'');
        if (text.Length > MaxLength)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        }

        return builder.ToString();
    }

    /// <summary>One character: <c>'X'</c> when printable, else its code (<c>0x01</c>, <c>U+FFFD</c>).</summary>
    public static string Character(char c) => IsPrintable(c) ? $"'{c}'" : Code(c);

    private static bool IsPrintable(char c) => c != '\uFFFD' && char.GetUnicodeCategory(c) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static string Code(char c) => c < 0x100 ? $"0x{(int)c:X2}" : $"U+{(int)c:X4}";
}

using System.Globalization;
using System.Text;

namespace GeneMask.Masking;

/// <summary>
/// The canonical form of a strategy's or a curriculum's <c>Description</c>: <c>name(setting=value, …)</c>, numbers in
/// the invariant culture and doubles in round-trip form, so that a description is the same on every machine and equal
/// descriptions mean equal settings (run fingerprints compare them).
/// </summary>
public static class MaskingDescription
{
    /// <summary>Formats <paramref name="name"/> and its settings, e.g. <c>kmer-span(k=6, p=0.025)</c>.</summary>
    /// <param name="name">The strategy's or curriculum's name.</param>
    /// <param name="settings">Every setting that changes what is masked, in a fixed order; doubles are written in round-trip form.</param>
    public static string Format(string name, params ReadOnlySpan<(string Setting, object Value)> settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var text = new StringBuilder(name).Append('(');
        for (var i = 0; i < settings.Length; i++)
        {
            var (setting, value) = settings[i];
            text.Append(i == 0 ? string.Empty : ", ").Append(setting).Append('=').Append(value switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }

        return text.Append(')').ToString();
    }
}

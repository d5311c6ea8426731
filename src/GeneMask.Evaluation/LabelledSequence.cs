using System.IO.Hashing;
using System.Text;

namespace GeneMask.Evaluation;

/// <summary>A labelled DNA sequence (bases, upper case A/C/G/T/N) of a classification task.</summary>
/// <param name="Bases">The sequence as bases.</param>
/// <param name="Label">The class, 0 … classes − 1.</param>
public sealed record LabelledSequence(string Bases, int Label)
{
    /// <summary>
    /// The identity of labelled rows, as results that were computed from them record it: the XxHash128 (hex) of every
    /// sequence and label in order, and the row count (<c>…hash… (300 rows)</c>).
    /// </summary>
    public static string Hash(IReadOnlyList<LabelledSequence> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var hash = new XxHash128();
        Span<byte> number = stackalloc byte[4];
        foreach (var row in rows)
        {
            BitConverter.TryWriteBytes(number, row.Bases.Length);
            hash.Append(number);
            hash.Append(Encoding.UTF8.GetBytes(row.Bases));
            BitConverter.TryWriteBytes(number, row.Label);
            hash.Append(number);
        }

        return $"{Convert.ToHexStringLower(hash.GetCurrentHash())} ({rows.Count} rows)";
    }
}

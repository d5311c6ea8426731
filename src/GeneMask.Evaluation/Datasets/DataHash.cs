using System.IO.Hashing;
using System.Text;

namespace GeneMask.Evaluation.Datasets;

/// <summary>The identity of labelled rows: the XxHash128 of every sequence and label in order, and the row count.</summary>
internal static class DataHash
{
    public static string Of(IReadOnlyList<LabelledSequence> rows)
    {
        var hash = new XxHash128();
        Span<byte> label = stackalloc byte[4];
        foreach (var row in rows)
        {
            BitConverter.TryWriteBytes(label, row.Bases.Length);
            hash.Append(label);
            hash.Append(Encoding.UTF8.GetBytes(row.Bases));
            BitConverter.TryWriteBytes(label, row.Label);
            hash.Append(label);
        }

        return $"{Convert.ToHexStringLower(hash.GetCurrentHash())} ({rows.Count} rows)";
    }
}

using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace GeneMask.Infrastructure;

/// <summary>
/// What a stored result was produced from: named parts, one per input and per setting that changes its numbers
/// (<c>steps=1000</c>, <c>model=…hash…</c>, <c>test=…hash…</c>). A result is reused only when the identity it was stored
/// with equals the identity of the result asked for now; otherwise <see cref="Compare"/> names every part that differs
/// and the result is refused (<see cref="ResultMismatchException"/>), never merged or silently returned.
/// </summary>
/// <remarks>
/// An input is identified by the hash of its content (<see cref="HashFiles"/>) when it comes from outside, and by the
/// <see cref="Hash"/> of the identity of the result that produced it when it was produced in the same run: so the
/// identity of every result of a run is known before any of them is computed. Values are text; <c>;</c> in a value is
/// written as <c>,</c> so that the text form stays one line of <c>name=value</c> parts.
/// </remarks>
public sealed class ResultIdentity : IEquatable<ResultIdentity>
{
    private readonly SortedDictionary<string, string> _parts;

    private ResultIdentity(SortedDictionary<string, string> parts) => _parts = parts;

    /// <summary>An identity with no parts.</summary>
    public static ResultIdentity Empty { get; } = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The named parts, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Parts => _parts;

    /// <summary>The XxHash128 (32 hex digits) of the text form: how results produced from this one name it as an input.</summary>
    public string Hash => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(ToString())));

    /// <summary>This identity with the part <paramref name="name"/> set to <paramref name="value"/> (invariant culture).</summary>
    /// <exception cref="ArgumentException">The name is empty or holds <c>=</c> or <c>;</c>.</exception>
    public ResultIdentity With(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('=', StringComparison.Ordinal) || name.Contains(';', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An identity part's name must not hold '=' or ';': '{name}'.", nameof(name));
        }

        var parts = new SortedDictionary<string, string>(_parts, StringComparer.Ordinal)
        {
            [name] = (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "(none)").Replace(';', ','),
        };
        return new ResultIdentity(parts);
    }

    /// <summary>This identity with every part of <paramref name="parts"/> set.</summary>
    public ResultIdentity With(IEnumerable<KeyValuePair<string, string>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var identity = this;
        foreach (var (name, value) in parts)
        {
            identity = identity.With(name, value);
        }

        return identity;
    }

    /// <summary>The parts that differ between this (earlier) identity and <paramref name="current"/>, by name.</summary>
    public IReadOnlyList<IdentityDifference> Compare(ResultIdentity current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var differences = new List<IdentityDifference>();
        foreach (var name in _parts.Keys.Union(current._parts.Keys).Order(StringComparer.Ordinal))
        {
            var before = _parts.GetValueOrDefault(name);
            var now = current._parts.GetValueOrDefault(name);
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                differences.Add(new IdentityDifference(name, before, now));
            }
        }

        return differences;
    }

    /// <summary>Reads the text form written by <see cref="ToString"/>.</summary>
    public static ResultIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            parts[equals > 0 ? item[..equals] : item] = equals > 0 ? item[(equals + 1)..] : string.Empty;
        }

        return new ResultIdentity(parts);
    }

    /// <summary>An identity holding <paramref name="parts"/> as they are (read back from a stored result).</summary>
    public static ResultIdentity FromParts(IEnumerable<KeyValuePair<string, string>> parts) => Empty.With(parts);

    /// <summary>
    /// The XxHash128 (32 hex digits) of the content of <paramref name="paths"/>, in order: the identity of inputs from
    /// outside (genome files, a downloaded model). Names and dates do not enter it.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static string HashFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var hash = new XxHash128();
        var buffer = new byte[1 << 20];
        foreach (var path in paths)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.Append(buffer.AsSpan(0, read));
            }

            // A boundary between files, so that moving bytes from one file to the next changes the hash.
            hash.Append(BitConverter.GetBytes(stream.Length));
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The text form: <c>name=value</c> parts joined by <c>;</c>, sorted by name.</summary>
    public override string ToString() => string.Join(';', _parts.Select(p => p.Key + "=" + p.Value));

    /// <inheritdoc />
    public bool Equals(ResultIdentity? other) => other is not null && _parts.Count == other._parts.Count && Compare(other).Count == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ResultIdentity);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}

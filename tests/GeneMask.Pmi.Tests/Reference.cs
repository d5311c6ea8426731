using System.IO.Compression;
using System.Text;
using GeneMask.Pmi;

namespace GeneMask.Pmi.Tests;

/// <summary>Slow, obvious implementations the tests compare the library against.</summary>
internal static class Reference
{
    /// <summary>Reads a FASTA file (plain or gzip) into (id, bases) records: a test-side reader, independent of the library.</summary>
    public static List<(string Id, byte[] Bases)> ReadFasta(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var records = new List<(string, byte[])>();
        string? id = null;
        var bases = new MemoryStream();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('>'))
            {
                if (id is not null)
                {
                    records.Add((id, bases.ToArray()));
                }

                id = line[1..].Split(' ')[0];
                bases = new MemoryStream();
                continue;
            }

            var bytes = Encoding.ASCII.GetBytes(line.Trim());
            bases.Write(bytes);
        }

        if (id is not null)
        {
            records.Add((id, bases.ToArray()));
        }

        return records;
    }

    /// <summary>Counts every n-gram (n ≤ k) of upper-cased sequences by taking substrings: the definition, literally.</summary>
    public static Dictionary<string, long> CountByBruteForce(IEnumerable<string> sequences, int k)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in sequences)
        {
            var sequence = raw.ToUpperInvariant();
            for (var start = 0; start < sequence.Length; start++)
            {
                for (var n = 1; n <= k && start + n <= sequence.Length; n++)
                {
                    var window = sequence.Substring(start, n);
                    if (window.Any(c => "ACGT".IndexOf(c, StringComparison.Ordinal) < 0))
                    {
                        break;
                    }

                    counts[window] = counts.GetValueOrDefault(window) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Reverse complement of a base string.</summary>
    public static string ReverseComplement(string s) =>
        new(s.Reverse().Select(c => c switch { 'A' => 'T', 'T' => 'A', 'C' => 'G', 'G' => 'C', _ => 'N' }).ToArray());

    /// <summary>Every n-gram of length n in code order (A, T, C, G).</summary>
    public static IEnumerable<string> AllNgrams(int n)
    {
        IEnumerable<string> result = [string.Empty];
        for (var i = 0; i < n; i++)
        {
            result = result.SelectMany(prefix => "ATCG".Select(c => prefix + c)).ToList();
        }

        return result;
    }

    /// <summary>Asserts that library counts equal a dictionary of counts (absent = 0) for every n-gram of every length.</summary>
    public static void ShouldEqual(this NgramCounts counts, Dictionary<string, long> expected, int k)
    {
        counts.K.Should().Be(k);
        for (var n = 1; n <= k; n++)
        {
            var windows = 0L;
            foreach (var ngram in AllNgrams(n))
            {
                var want = expected.GetValueOrDefault(ngram);
                windows += want;
                if (counts.Count(ngram) != want)
                {
                    Assert.Fail($"count of {ngram}: expected {want}, got {counts.Count(ngram)}");
                }
            }

            counts.Windows(n).Should().Be(windows, $"windows of length {n} are the sum of the counts");
        }
    }

    /// <summary>Counts from explicit (n-gram → count) pairs; n-grams not listed count 0.</summary>
    public static NgramCounts FromDictionary(int k, IReadOnlyDictionary<string, long> values)
    {
        var arrays = NgramCounts.AllocateArrays(k);
        foreach (var (ngram, count) in values)
        {
            arrays[ngram.Length][Kmers.Encode(ngram, nameof(values))] = count;
        }

        return new NgramCounts(k, arrays);
    }

    /// <summary>Random positive counts for every n-gram of length 1…k.</summary>
    public static NgramCounts RandomCounts(int k, int seed, int max = 1000)
    {
        var random = new Random(seed);
        var arrays = NgramCounts.AllocateArrays(k);
        for (var n = 1; n <= k; n++)
        {
            for (var i = 0; i < arrays[n].Length; i++)
            {
                arrays[n][i] = random.Next(1, max);
            }
        }

        return new NgramCounts(k, arrays);
    }

    /// <summary>ln p of an n-gram: ln f − ln(factor · windows).</summary>
    public static double LogP(NgramCounts counts, string s, double factor = 1) =>
        Math.Log(counts.Count(s)) - Math.Log(factor * counts.Windows(s.Length));

    /// <summary>
    /// All segmentations of a string into ≥ 2 contiguous parts, by enumerating the 2^(k−1) − 1 non-empty sets of cut points.
    /// </summary>
    public static IEnumerable<string[]> Segmentations(string w)
    {
        var k = w.Length;
        for (var cuts = 1; cuts < 1 << (k - 1); cuts++)
        {
            var parts = new List<string>();
            var start = 0;
            for (var position = 1; position < k; position++)
            {
                if ((cuts & (1 << (position - 1))) != 0)
                {
                    parts.Add(w[start..position]);
                    start = position;
                }
            }

            parts.Add(w[start..]);
            yield return [.. parts];
        }
    }

    /// <summary>min over segmentations (optionally restricted) of ln p(w) − Σ ln p(part), by brute force.</summary>
    public static double MinimumPmi(NgramCounts counts, string w, Func<string[], bool> allowed, double factor = 1) =>
        Segmentations(w).Where(allowed).Min(parts => LogP(counts, w, factor) - parts.Sum(p => LogP(counts, p, factor)));
}

using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GeneMask.Infrastructure;

namespace GeneMask.Tokenization;

/// <summary>
/// The list of a corpus' files with their lengths and hashes (<see cref="FileName"/> in the corpus folder). The corpus
/// builder writes it last, after every file is in place, and removes the old one before replacing any file, so a
/// corpus whose files all match its manifest is complete and of one build; anything else — a file missing, changed,
/// or left from another build — fails <see cref="Verify"/>.
/// </summary>
public sealed record CorpusManifest
{
    /// <summary>File name of the manifest in the corpus folder.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The files.</summary>
    public required IReadOnlyList<CorpusManifestEntry> Files { get; init; }

    /// <summary>A hash of every file's name, length and hash: the corpus' identity.</summary>
    [JsonIgnore]
    public string ContentHash
    {
        get
        {
            var text = string.Join('\n', Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}\t{f.Length}\t{f.XxHash128}")));
            return Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));
        }
    }

    /// <summary>Describes the named files of <paramref name="directory"/> (reads each once).</summary>
    public static CorpusManifest Create(string directory, IEnumerable<string> fileNames)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fileNames);
        return new CorpusManifest
        {
            Files = [.. fileNames.Select(name =>
            {
                var path = Path.Combine(directory, name);
                return new CorpusManifestEntry(name, new FileInfo(path).Length, HashFile(path));
            })],
        };
    }

    /// <summary>Writes the manifest as JSON (atomically).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads the manifest of <paramref name="directory"/> and checks every file it lists against it.</summary>
    /// <returns>The verified manifest.</returns>
    /// <exception cref="GeneMaskFormatException">No manifest (an interrupted or foreign corpus), an unreadable one, or a file that is missing or differs; the message names the file.</exception>
    public static CorpusManifest Verify(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new GeneMaskFormatException($"{path} is missing: {directory} is not a complete corpus (its build was interrupted, or it was not written by the corpus builder). Build the corpus again.");
        }

        return VerifyIfPresent(directory, "the corpus", CorpusRemedy)!;
    }

    /// <summary>
    /// Checks every file the manifest of <paramref name="directory"/> lists, when the folder has a manifest (files from
    /// elsewhere have none and are not checked).
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="contents">What the folder holds, for messages (e.g. "the model").</param>
    /// <param name="remedy">What to do about a mismatch, a sentence for messages.</param>
    /// <returns>The verified manifest; null when the folder has none.</returns>
    /// <exception cref="GeneMaskFormatException">An unreadable manifest, or a listed file that is missing or differs; the message names the file.</exception>
    public static CorpusManifest? VerifyIfPresent(string directory, string contents, string remedy)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(remedy);
        var manifest = ReadIfPresent(directory);
        foreach (var entry in manifest?.Files ?? [])
        {
            Check(directory, entry, contents, remedy);
        }

        return manifest;
    }

    /// <summary>
    /// Checks <paramref name="file"/> against the manifest of its folder when that manifest lists it (a token file of a
    /// corpus the corpus builder wrote); other files are not checked.
    /// </summary>
    /// <exception cref="GeneMaskFormatException">The file differs from its entry, or the manifest is unreadable.</exception>
    public static void VerifyListed(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var full = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(full)!;
        if (ReadIfPresent(directory)?.Files.FirstOrDefault(f => f.Name == Path.GetFileName(full)) is { } entry)
        {
            Check(directory, entry, "the corpus", CorpusRemedy);
        }
    }

    private const string CorpusRemedy = "Build the corpus again.";

    private static CorpusManifest? ReadIfPresent(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        CorpusManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(path), Json)
                ?? throw new GeneMaskFormatException($"{path}: the manifest is empty.");
        }
        catch (JsonException e)
        {
            throw new GeneMaskFormatException($"{path}: not a GeneMask manifest ({e.Message}).", e);
        }

        if (manifest.Version != 1 || manifest.Files is not { Count: > 0 })
        {
            throw new GeneMaskFormatException($"{path}: expected version 1 with a list of files; found version {manifest.Version} with {manifest.Files?.Count ?? 0} files.");
        }

        return manifest;
    }

    private static void Check(string directory, CorpusManifestEntry entry, string contents, string remedy)
    {
        var path = Path.Combine(directory, FileName);
        var file = Path.Combine(directory, entry.Name);
        if (!File.Exists(file))
        {
            throw new GeneMaskFormatException($"{file} is missing but listed in {path}: {contents} is partial. {remedy}");
        }

        var length = new FileInfo(file).Length;
        if (length != entry.Length)
        {
            throw new GeneMaskFormatException(string.Create(CultureInfo.InvariantCulture, $"{file} has {length} bytes but {path} lists {entry.Length}: {contents} is mixed or partial (files of different writes). {remedy}"));
        }

        var hash = HashFile(file);
        if (!string.Equals(hash, entry.XxHash128, StringComparison.OrdinalIgnoreCase))
        {
            throw new GeneMaskFormatException($"{file} does not match {path} (XxHash128 {hash}, listed {entry.XxHash128}): {contents} is mixed, or was changed or damaged after it was written. {remedy}");
        }
    }

    /// <summary>XxHash128 of a file's content as 32 lower-case hex digits.</summary>
    public static string HashFile(string path)
    {
        var hash = new XxHash128();
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            hash.Append(stream);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}

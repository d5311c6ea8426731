using System.CommandLine;

namespace GeneMask.Samples;

/// <summary>
/// Input files of a command, made readable by every reader: <c>-</c> means standard input, and a pipe or other
/// non-seekable file (<c>/dev/stdin</c>, <c>&lt;(zcat …)</c>) is first copied to a temporary file, deleted when the
/// command ends.
/// </summary>
public sealed class SampleInputs : IDisposable
{
    /// <summary>The name that stands for standard input.</summary>
    public const string StandardInputName = "-";

    private readonly string? _temporaryFolder;

    private SampleInputs(IReadOnlyList<string> paths, string? temporaryFolder, IReadOnlyDictionary<string, string> names)
    {
        Paths = paths;
        _temporaryFolder = temporaryFolder;
        DisplayNames = names;
    }

    /// <summary>The files to read (regular files).</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Temporary copies and what they stand for (used in messages).</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; }

    /// <summary>Resolves the given inputs; standard input may be used once.</summary>
    public static SampleInputs Open(SampleContext context, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(paths);
        var resolved = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string? folder = null;
        try
        {
            foreach (var path in paths)
            {
                var isStandardInput = IsStandardInput(path);
                if (isStandardInput && names.ContainsValue("standard input"))
                {
                    throw new ArgumentException("--fasta: standard input (-) can be given only once.");
                }

                using var source = isStandardInput ? context.StandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                if (!isStandardInput && source.CanSeek)
                {
                    resolved.Add(path);
                    continue;
                }

                folder ??= Directory.CreateTempSubdirectory("genemask-input-").FullName;
                var copy = System.IO.Path.Combine(folder, names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (isStandardInput ? "stdin" : System.IO.Path.GetFileName(path)));
                using (var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    source.CopyTo(target, 1 << 20);
                }

                names[copy] = isStandardInput ? "standard input" : path;
                resolved.Add(copy);
            }

            return new SampleInputs(resolved, folder, names);
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>Whether a path given on the command line means standard input.</summary>
    public static bool IsStandardInput(string path) => path == StandardInputName || System.IO.Path.GetFileName(path) == StandardInputName;

    /// <summary>Replaces temporary copies' paths in a message by what they stand for.</summary>
    public string Rename(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (copy, name) in DisplayNames)
        {
            message = message.Replace(copy, name, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>Deletes the temporary copies.</summary>
    public void Dispose() => DeleteFolder(_temporaryFolder);

    /// <summary>Makes a file option accept existing files and <c>-</c> (standard input).</summary>
    public static Option<T> AcceptExistingOrStandardInput<T>(Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value != StandardInputName && !File.Exists(token.Value))
                {
                    result.AddError(Directory.Exists(token.Value)
                        ? $"{option.Name}: '{token.Value}' is a folder; expected a file (or - for standard input)."
                        : $"{option.Name}: file not found: '{token.Value}'.");
                }
            }
        });
        return option;
    }

    private static void DeleteFolder(string? folder)
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

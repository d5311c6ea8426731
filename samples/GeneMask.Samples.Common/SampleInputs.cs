using System.CommandLine;
using GeneMask.Infrastructure;

namespace GeneMask.Samples;

/// <summary>
/// Input files of a command, made readable by every reader: <c>-</c> means standard input, and a pipe or other
/// non-seekable file (<c>/dev/stdin</c>, <c>&lt;(zcat …)</c>) is first copied to a temporary folder
/// (<c>genemask-input-*</c> in the system's temporary folder, claimed with an <see cref="OutputLock"/>), deleted when
/// the command ends or the copy is cancelled. Copies of a run that was killed are deleted by the next opening.
/// </summary>
public sealed class SampleInputs : IDisposable
{
    /// <summary>The name that stands for standard input.</summary>
    public const string StandardInputName = "-";

    /// <summary>How the temporary folders of the copies begin (in <see cref="Path.GetTempPath"/>).</summary>
    public const string TemporaryFolderPrefix = "genemask-input-";

    // A folder without a lock file younger than this may be one whose owner is about to claim it.
    private static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(10);

    private readonly string? _temporaryFolder;
    private readonly OutputLock? _claim;

    private SampleInputs(IReadOnlyList<string> paths, string? temporaryFolder, OutputLock? claim, IReadOnlyDictionary<string, string> names)
    {
        Paths = paths;
        _temporaryFolder = temporaryFolder;
        _claim = claim;
        DisplayNames = names;
    }

    /// <summary>The files to read (regular files).</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Temporary copies and what they stand for (used in messages).</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; }

    /// <summary>Resolves the given inputs; standard input may be used once.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while copying (the copies are already deleted).</exception>
    public static SampleInputs Open(SampleContext context, IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(paths);
        RemoveAbandonedCopies();
        var resolved = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string? folder = null;
        OutputLock? claim = null;

        // Cancelling deletes the copies at once, even while a read from the pipe blocks (the open file goes with them).
        using var onCancel = cancellationToken.Register(() => DeleteFolder(folder));
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

                if (folder is null)
                {
                    folder = Directory.CreateTempSubdirectory(TemporaryFolderPrefix).FullName;
                    claim = OutputLock.Acquire(folder);
                }

                var copy = System.IO.Path.Combine(folder, names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (isStandardInput ? "stdin" : System.IO.Path.GetFileName(path)));
                // A read from a pipe blocks for as long as its writer waits: cancelling stops waiting for the copy.
                Task.Run(() => Copy(source, copy, cancellationToken), CancellationToken.None).WaitAsync(cancellationToken).GetAwaiter().GetResult();

                names[copy] = isStandardInput ? "standard input" : path;
                resolved.Add(copy);
            }

            return new SampleInputs(resolved, folder, claim, names);
        }
        catch
        {
            claim?.Dispose();
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
    public void Dispose()
    {
        _claim?.Dispose();
        DeleteFolder(_temporaryFolder);
    }

    private static void Copy(Stream source, string copy, CancellationToken cancellationToken)
    {
        using var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            target.Write(buffer, 0, read);
        }
    }

    /// <summary>
    /// Deletes the copy folders whose process has ended: their lock is no longer held, or, from before folders were
    /// claimed, they have none and are older than <see cref="ClaimGrace"/>.
    /// </summary>
    private static void RemoveAbandonedCopies()
    {
        foreach (var folder in new DirectoryInfo(System.IO.Path.GetTempPath()).EnumerateDirectories(TemporaryFolderPrefix + "*"))
        {
            var lockFile = System.IO.Path.Combine(folder.FullName, OutputLock.FileName);
            var abandoned = File.Exists(lockFile) ? !OutputLock.IsInUse(lockFile) : folder.LastWriteTimeUtc < DateTime.UtcNow - ClaimGrace;
            if (abandoned && folder.LinkTarget is null)
            {
                DeleteFolder(folder.FullName);
            }
        }
    }

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
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Text.RegularExpressions;

namespace GeneMask.Infrastructure;

/// <summary>
/// Writes files so that readers never see half a file: the content goes to a temporary file in the same folder,
/// which is renamed over the target only once it is complete. A failure deletes the temporary file; the temporary files
/// of the same target that a killed writer left (no longer held by anyone) are removed before writing. Every GeneMask
/// package writes its outputs through it; <see cref="OutputLock"/> removes the temporary files a killed run leaves.
/// </summary>
/// <remarks>
/// Only a regular file is ever replaced. A symbolic link is written through: its final target is replaced in the
/// target's own folder and the link stays. A device node, FIFO or open descriptor (<c>/dev/null</c>, a named pipe,
/// <c>/dev/stdout</c>, <c>/dev/fd/N</c>) is opened and written to, as the shell's <c>&gt;</c> does; there is no
/// temporary file then, so a reader sees the content as it is written. A folder, a loop of links or a socket is refused
/// with an <see cref="IOException"/> before <c>write</c> is called.
/// </remarks>
public static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically through <paramref name="write"/>.</summary>
    /// <param name="path">The file to write; its folder is created if missing.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = FinalTarget(Path.GetFullPath(path), out var descriptor);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a folder; expected a file to write.");
        }

        if (descriptor || SpecialFile.Is(full))
        {
            WriteInPlace(Path.GetFullPath(path), write);
            return;
        }

        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        RemoveStaleTemporaries(directory, Path.GetFileName(full));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes text to <paramref name="path"/> atomically (UTF-8, no byte-order mark).</summary>
    /// <param name="path">The file to write; its folder is created if missing.</param>
    /// <param name="contents">The text.</param>
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(contents);
        });

    /// <summary>
    /// Follows a chain of symbolic links to the path it ends at (which need not exist). A link into
    /// <c>/proc/&lt;pid&gt;/fd</c> or <c>/dev/fd</c> names an open descriptor, not a file: the chain stops there.
    /// </summary>
    private static string FinalTarget(string path, out bool descriptor)
    {
        const int MaxLinks = 40; // Linux's limit (ELOOP)
        var current = path;
        for (var links = 0; links <= MaxLinks; links++)
        {
            descriptor = Descriptor().IsMatch(current);
            if (descriptor || new FileInfo(current).LinkTarget is not { } target)
            {
                return current;
            }

            current = Path.GetFullPath(target, Path.GetDirectoryName(current)!);
        }

        throw new IOException($"{path}: more than {MaxLinks} symbolic links in a chain (a loop?).");
    }

    // Truncates and writes, as the shell's ">" does; truncation does nothing to a device or a FIFO.
    private static void WriteInPlace(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
        write(stream);
        stream.Flush();
    }

    private static void RemoveStaleTemporaries(string directory, string name)
    {
        foreach (var stale in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
        {
            var staleName = Path.GetFileName(stale);
            if (staleName.Length == name.Length + 38 && OutputLock.IsTemporaryName(staleName) && !OutputLock.IsInUse(stale))
            {
                TryDelete(stale);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"^/(proc/[^/]+|dev)/fd/[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Descriptor();
}

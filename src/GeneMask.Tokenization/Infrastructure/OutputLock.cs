using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GeneMask.Infrastructure;

/// <summary>
/// Claims an output folder for one process: a lock file (<see cref="FileName"/>) that holds the owner's process id
/// and is locked by the operating system while the owner runs. A second process (or a second claim in the same
/// process) is refused with <see cref="OutputFolderInUseException"/>. The operating system releases the lock when the
/// owner exits, however it exits, so the lock file a killed run leaves behind is stale: the next claim takes it over.
/// A folder can also be claimed by several processes that write disjoint parts of it (<see cref="AcquireShared"/>):
/// they exclude an exclusive claim, and an exclusive claim excludes them.
/// </summary>
/// <remarks>
/// The claim also removes the temporary files and folders an earlier, killed run left in the folder and in its
/// subfolders (those of <see cref="AtomicFile"/> and of the corpus builder; see <see cref="RemoveTemporaries(string)"/>).
/// </remarks>
public sealed partial class OutputLock : IDisposable
{
    /// <summary>Name of the lock file in the claimed folder.</summary>
    public const string FileName = ".genemask.lock";

    // What .NET reports when another handle holds the lock: ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows,
    // the errno of flock (EWOULDBLOCK: 11 on Linux, 35 on macOS and the BSDs) elsewhere.
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);
    private const int WouldBlockLinux = 11;
    private const int WouldBlockBsd = 35;

    private readonly FileStream _stream;
    private bool _disposed;

    private OutputLock(string directory, string path, FileStream stream, int? staleOwner, IReadOnlyList<string> removed, bool shared = false)
    {
        Directory = directory;
        Path = path;
        _stream = stream;
        StaleOwnerProcessId = staleOwner;
        RemovedTemporaries = removed;
        IsShared = shared;
    }

    /// <summary>Whether the claim is shared with other processes (<see cref="AcquireShared"/>).</summary>
    public bool IsShared { get; }

    /// <summary>The claimed folder.</summary>
    public string Directory { get; }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The process id in a stale lock file that this claim took over; null when there was none.</summary>
    public int? StaleOwnerProcessId { get; }

    /// <summary>Temporary files and folders of an earlier run that the claim removed.</summary>
    public IReadOnlyList<string> RemovedTemporaries { get; }

    /// <summary>Claims <paramref name="directory"/> (created if missing) for this process.</summary>
    /// <exception cref="OutputFolderInUseException">Another process (or another claim in this process) holds the folder.</exception>
    public static OutputLock Acquire(string directory)
    {
        // FileShare.None: an exclusive advisory lock (flock) on Unix, a sharing lock on Windows; both end with the process.
        var (full, path, stream) = Open(directory, FileAccess.ReadWrite, FileShare.None);

        try
        {
            int? stale = null;
            if (stream.Length > 0)
            {
                var previous = new byte[Math.Min(stream.Length, 256)];
                stream.ReadExactly(previous);
                var text = Encoding.UTF8.GetString(previous).Split('\n')[0].Trim();
                stale = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
            }

            var owner = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{Environment.MachineName}\n{DateTimeOffset.UtcNow:O}\n"));
            stream.SetLength(0);
            stream.Position = 0;
            stream.Write(owner);
            stream.Flush(flushToDisk: true);
            return new OutputLock(full, path, stream, stale, RemoveTemporariesUnder(full, claimed: true));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static (string Full, string Path, FileStream Stream) Open(string directory, FileAccess access, FileShare share)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var path = System.IO.Path.Combine(full, FileName);
        try
        {
            return (full, path, new FileStream(path, FileMode.OpenOrCreate, access, share, 1, FileOptions.None));
        }
        catch (IOException e) when (e.HResult is SharingViolation or LockViolation or WouldBlockLinux or WouldBlockBsd)
        {
            throw new OutputFolderInUseException(full, path, e);
        }
    }

    /// <summary>
    /// Claims <paramref name="directory"/> (created if missing) together with other processes that claim it shared and
    /// write disjoint parts of it (each part guarded by its own lock): an exclusive claim (<see cref="Acquire"/>) is
    /// refused while any shared claim holds, and a shared claim while an exclusive one holds. The claim removes the
    /// temporary files and folders killed runs left, except those still held by their writers.
    /// </summary>
    /// <exception cref="OutputFolderInUseException">Another process holds the folder exclusively.</exception>
    public static OutputLock AcquireShared(string directory)
    {
        // Read access and FileShare.ReadWrite: a shared advisory lock (flock LOCK_SH) on Unix; FileShare.None of an
        // exclusive claim conflicts with it both ways.
        var (full, path, stream) = Open(directory, FileAccess.Read, FileShare.ReadWrite);

        try
        {
            return new OutputLock(full, path, stream, null, RemoveTemporariesUnder(full, claimed: true), shared: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes the temporary files and folders that killed runs left under <paramref name="directory"/>, at any depth.
    /// Left alone: subfolders claimed by a running process (their owner cleans them), temporary files still open by
    /// their writer (it holds them exclusively until it renames them), and what symbolic links point to.
    /// </summary>
    /// <returns>What was removed.</returns>
    public static IReadOnlyList<string> RemoveTemporaries(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return System.IO.Directory.Exists(directory) ? RemoveTemporariesUnder(System.IO.Path.GetFullPath(directory), claimed: false) : [];
    }

    /// <summary>Whether <paramref name="name"/> is a temporary file or folder this library writes (and renames or deletes when done).</summary>
    public static bool IsTemporaryName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TemporaryName().IsMatch(name);
    }

    /// <summary>Releases the folder and deletes the lock file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (IsShared)
        {
            // The last of the sharing processes removes the file: only it can take the lock exclusively.
            _stream.Dispose();
            try
            {
                using var last = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process still shares the folder (or the file is gone): it stays.
            }

            return;
        }

        try
        {
            // Delete while still holding the lock, so no other claim can see an empty, unlocked file of ours.
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        _stream.Dispose();
    }

    private static List<string> RemoveTemporariesUnder(string directory, bool claimed)
    {
        var removed = new List<string>();
        var folders = new Stack<(string Path, bool Claimed)>([(directory, claimed)]);
        while (folders.TryPop(out var folder))
        {
            if (!folder.Claimed && IsInUse(System.IO.Path.Combine(folder.Path, FileName)))
            {
                continue;
            }

            foreach (var entry in new DirectoryInfo(folder.Path).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (IsTemporaryName(entry.Name))
                {
                    if (entry is DirectoryInfo || !IsInUse(entry.FullName))
                    {
                        TryDelete(entry, removed);
                    }
                }
                else if (entry is DirectoryInfo)
                {
                    folders.Push((entry.FullName, false));
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// Whether an open handle holds <paramref name="file"/> exclusively: the lock file of a claimed folder, or a
    /// temporary file its writer has not renamed yet. False for a missing file.
    /// </summary>
    public static bool IsInUse(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.None);
            return false;
        }
        catch (IOException e) when (e.HResult is SharingViolation or LockViolation or WouldBlockLinux or WouldBlockBsd)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // Missing or unreadable: nobody's claim.
        }
    }

    private static void TryDelete(FileSystemInfo entry, List<string> removed)
    {
        try
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }

            removed.Add(entry.FullName);
        }
        catch (IOException)
        {
            // Litter that cannot be removed does no harm to this run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // AtomicFile: ".<name>.<32 hex>.tmp"; corpus builder: ".corpus-<32 hex>.tmp".
    [GeneratedRegex(@"^\.(.+\.|corpus-)[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();
}

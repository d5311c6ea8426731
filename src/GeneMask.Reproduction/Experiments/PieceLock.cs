using System.Diagnostics;
using System.Globalization;
using GeneMask.Infrastructure;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// The exclusive right to compute one piece (a lock file under <see cref="Folder"/>, held by the operating system while
/// the holder runs, released however it ends). Another process — or another worker of this one — that wants the same
/// piece waits, at most <see cref="ExperimentFolder.WaitLimit"/>, and then finds the piece done.
/// </summary>
internal sealed class PieceLock : IDisposable
{
    /// <summary>The folder of the lock files, under the experiment folder.</summary>
    public const string Folder = ".genemask-locks";

    // flock's EWOULDBLOCK (Linux 11, BSD 35) and Windows' sharing and lock violations.
    private static readonly int[] Busy = [11, 35, unchecked((int)0x80070020), unchecked((int)0x80070021)];

    private readonly FileStream _stream;

    private PieceLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="piece"/>, waiting while someone else holds it.</summary>
    /// <param name="root">The experiment folder.</param>
    /// <param name="piece">The piece's record path (relative), which names the lock.</param>
    /// <param name="what">What the piece is, for messages.</param>
    /// <param name="limit">How long to wait at most.</param>
    /// <param name="waiting">Told once, when the lock is held by someone else and the wait begins.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="OutputFolderInUseException">The piece was still being computed elsewhere when <paramref name="limit"/> ran out.</exception>
    public static PieceLock Acquire(string root, string piece, string what, TimeSpan limit, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, Folder, piece.Replace('/', '.').Replace('\\', '.') + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                return new PieceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException e) when (Busy.Contains(e.HResult))
            {
                if (clock.Elapsed >= limit)
                {
                    throw new OutputFolderInUseException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{what} in {root} is being computed by another process (it holds {path}); waited {limit.TotalMinutes:0.#} min for it. Run again when that process has finished, or compute other pieces meanwhile."));
                }

                if (!told)
                {
                    waiting?.Invoke($"waiting for another process to finish {what}");
                    told = true;
                }

                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}

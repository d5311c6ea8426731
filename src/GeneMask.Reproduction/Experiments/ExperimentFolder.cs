using System.Text.Json.Serialization.Metadata;
using GeneMask.Infrastructure;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// The folder of one experiment and the rule for every piece in it: a piece is done when its record exists; a done
/// piece is reused only when its stored identity is the identity asked for, and refused otherwise (every difference
/// named) — never merged, never silently returned; a piece is computed under its own lock (another process computing it
/// is waited for, at most <see cref="WaitLimit"/>) and its record written atomically after its outputs. The folder is
/// claimed for the whole run: exclusively (one process) or shared by processes that compute disjoint pieces.
/// </summary>
internal sealed class ExperimentFolder : IDisposable
{
    private readonly OutputLock _claim;

    private ExperimentFolder(OutputLock claim) => _claim = claim;

    /// <summary>The folder.</summary>
    public string Root => _claim.Directory;

    /// <summary>How long a piece another process computes is waited for before giving up.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Claims <paramref name="root"/> (created if missing): exclusively, or shared with processes that compute other pieces.</summary>
    /// <exception cref="OutputFolderInUseException">Another process holds the folder in a way this claim cannot share.</exception>
    public static ExperimentFolder Claim(string root, bool shared) =>
        new(shared ? OutputLock.AcquireShared(root) : OutputLock.Acquire(root)) { };

    /// <summary>
    /// Checks, without writing anything, that every piece already done in <paramref name="root"/> has the identity asked
    /// for: a run that would be refused later is refused before it changes anything.
    /// </summary>
    /// <exception cref="ResultMismatchException">A done piece has another identity; every difference is named.</exception>
    public static void Check(string root, IEnumerable<Piece> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        foreach (var piece in pieces)
        {
            var path = Path.Combine(root, piece.Record);
            if (PieceRecord.ReadIdentity(path) is { } stored && stored.Compare(piece.Identity) is { Count: > 0 } differences)
            {
                throw new ResultMismatchException(path, piece.What, differences);
            }
        }
    }

    /// <summary>The full path of <paramref name="relative"/> in the folder.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The stored result of <paramref name="piece"/> when it is done; null when it is not.</summary>
    /// <exception cref="ResultMismatchException">The piece is done with another identity.</exception>
    public T? TryReuse<T>(Piece piece, JsonTypeInfo<T> type)
        where T : class
    {
        var path = PathOf(piece.Record);
        if (PieceRecord.Read(path, type) is not { } stored)
        {
            return null;
        }

        var differences = stored.Identity.Compare(piece.Identity);
        return differences.Count == 0 ? stored.Result : throw new ResultMismatchException(path, piece.What, differences);
    }

    /// <summary>
    /// The result of <paramref name="piece"/>: reused when done, else computed under the piece's lock (after waiting for
    /// another process that computes it) and recorded.
    /// </summary>
    /// <exception cref="ResultMismatchException">The piece is done with another identity.</exception>
    public T GetOrCompute<T>(Piece piece, JsonTypeInfo<T> type, Func<T> compute, Action<string>? waiting, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (TryReuse(piece, type) is { } done)
        {
            return done;
        }

        using var held = Lock(piece, waiting, cancellationToken);
        if (TryReuse(piece, type) is { } doneMeanwhile)
        {
            return doneMeanwhile;
        }

        var result = compute();
        Record(piece, result, type);
        return result;
    }

    /// <summary>Computes <paramref name="piece"/> again under its lock, whatever is recorded, and records it (a run that starts over).</summary>
    public T Recompute<T>(Piece piece, JsonTypeInfo<T> type, Func<T> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        using var held = Lock(piece, null, cancellationToken);
        File.Delete(PathOf(piece.Record));
        var result = compute();
        Record(piece, result, type);
        return result;
    }

    /// <summary>Writes the record of <paramref name="piece"/> (its outputs must be complete).</summary>
    public void Record<T>(Piece piece, T result, JsonTypeInfo<T> type) => PieceRecord.Write(PathOf(piece.Record), piece.Identity, result, type);

    /// <summary>Takes the lock of <paramref name="piece"/> (see <see cref="PieceLock"/>).</summary>
    public PieceLock Lock(Piece piece, Action<string>? waiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(piece);
        return PieceLock.Acquire(Root, piece.Record, piece.What, WaitLimit, waiting, cancellationToken);
    }

    /// <summary>Releases the folder.</summary>
    public void Dispose() => _claim.Dispose();
}

namespace GeneMask.Infrastructure;

/// <summary>An output folder is claimed by another running process (see <see cref="OutputLock"/>).</summary>
public sealed class OutputFolderInUseException : IOException
{
    /// <summary>Creates the exception for <paramref name="directory"/>.</summary>
    public OutputFolderInUseException(string directory, string lockFile, Exception? inner = null)
        : base($"The output folder {directory} is in use by another running process (it holds {lockFile}); wait for that run to end or choose another output folder.", inner)
    {
        Directory = directory;
        LockFile = lockFile;
    }

    /// <summary>Creates the exception.</summary>
    public OutputFolderInUseException()
        : this(string.Empty, string.Empty)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OutputFolderInUseException(string message)
        : base(message)
    {
        Directory = string.Empty;
        LockFile = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public OutputFolderInUseException(string message, Exception inner)
        : base(message, inner)
    {
        Directory = string.Empty;
        LockFile = string.Empty;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The lock file held by the other process.</summary>
    public string LockFile { get; }
}

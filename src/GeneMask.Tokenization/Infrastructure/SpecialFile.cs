using System.Runtime.InteropServices;

namespace GeneMask.Infrastructure;

/// <summary>
/// Tells device nodes, FIFOs and sockets from regular files and folders, following symbolic links. .NET reports all of
/// them as <see cref="FileAttributes.Normal"/>, so this asks the C library: <c>statx</c> on Linux (one layout on every
/// architecture), <c>stat</c> on macOS. Windows has no such entries in its file system.
/// </summary>
internal static partial class SpecialFile
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeField = 0x1;        // STATX_TYPE
    private const int TypeMask = 0xF000;       // S_IFMT
    private const int RegularFile = 0x8000;    // S_IFREG
    private const int Folder = 0x4000;         // S_IFDIR

    /// <summary>Whether <paramref name="path"/> exists and is, after following links, neither a regular file nor a folder.</summary>
    public static bool Is(string path)
    {
        try
        {
            var mode = OperatingSystem.IsLinux() ? LinuxMode(path) : OperatingSystem.IsMacOS() ? MacMode(path) : 0;
            return mode != 0 && (mode & TypeMask) is not (RegularFile or Folder);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28): every existing path counts as a regular file, as before.
            return false;
        }
    }

    private static unsafe int LinuxMode(string path)
    {
        // struct statx (256 bytes): stx_mode is the 16-bit field at byte 28.
        var buffer = stackalloc byte[256];
        return Statx(CurrentDirectory, path, 0, TypeField, buffer) == 0 ? *(ushort*)(buffer + 28) : 0;
    }

    private static unsafe int MacMode(string path)
    {
        // struct stat with 64-bit inodes (144 bytes): st_mode is the 16-bit field at byte 4.
        var buffer = stackalloc byte[256];
        var result = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? Stat(path, buffer) : StatInode64(path, buffer);
        return result == 0 ? *(ushort*)(buffer + 4) : 0;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat$INODE64", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatInode64(string path, byte* buffer);
}

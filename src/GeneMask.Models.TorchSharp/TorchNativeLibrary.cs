using System.Runtime.InteropServices;
using TorchSharp;

namespace GeneMask.Models.TorchSharp;

/// <summary>
/// Loads TorchSharp's native backend up front and, when that fails, explains why with the dynamic loader's own
/// message (TorchSharp reports every load failure as a missing package reference).
/// </summary>
public static class TorchNativeLibrary
{
    private const string LibraryFileName = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";

    /// <summary>Initialises the CPU backend of LibTorch (idempotent; cheap once loaded).</summary>
    /// <exception cref="InvalidOperationException">
    /// The native libraries cannot be loaded; the message carries the loader's reason and what to do about it.
    /// </exception>
    public static void EnsureLoaded()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception exception) when (exception is NotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            string reason;
            if (!OperatingSystem.IsLinux())
            {
                reason = "see the inner exception.";
            }
            else
            {
                string? library = FindInApplication();
                reason = library is null
                    ? $"{LibraryFileName} is not in the application folder {AppContext.BaseDirectory} (is a libtorch package referenced?)."
                    : DescribeLoadFailure(library) ?? $"{library} loads on its own; see the inner exception.";
            }

            throw new InvalidOperationException($"TorchSharp's native backend could not be loaded: {reason}", exception);
        }
    }

    /// <summary>
    /// Loads <paramref name="libraryPath"/> with the dynamic loader and returns why that fails, with advice for
    /// known causes, or null when it loads.
    /// </summary>
    internal static string? DescribeLoadFailure(string libraryPath)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(libraryPath));
            return null;
        }
        catch (DllNotFoundException exception)
        {
            string message = exception.Message;
            if (message.Contains(MissingVersion, StringComparison.Ordinal))
            {
                message += $" This system's libstdc++ is older than GCC 13's. The build step of GeneMask.Models.TorchSharp fixes the copy of "
                    + $"{LibraryFileName} in the build output; it was turned off (GeneMaskGlibcxxFix=false) or this output was not produced by "
                    + "a build that ran it. Rebuild with g++ installed, or see the troubleshooting guide: 'TorchSharp does not load on Linux: "
                    + "GLIBCXX_3.4.32 not found'.";
            }

            return message;
        }
    }

    /// <summary>Where the host would find the library: runtimes/RID/native (framework-dependent build) or beside the app (RID-specific).</summary>
    private static string? FindInApplication()
    {
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        foreach (string candidate in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", LibraryFileName),
                     Path.Combine(AppContext.BaseDirectory, LibraryFileName),
                 })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

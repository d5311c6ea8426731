using System.Diagnostics;

namespace GeneMask.Tests;

/// <summary>The system's own tools on file types: <c>stat</c> says what a path is, independently of the code under test.</summary>
internal static class UnixFiles
{
    /// <summary>The type <c>stat</c> reports: "regular file", "symbolic link", "fifo", "character special file", "socket", …</summary>
    public static string TypeOf(string path) => Run("stat", "--format=%F", path).Trim();

    /// <summary>Makes a named pipe at <paramref name="path"/>.</summary>
    public static void MakeFifo(string path) => Run("mkfifo", path);

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
    }
}

using System.Diagnostics;

namespace GeneMask.Build
{
    /// <summary>Finds the libstdc++.so.6 that the dynamic loader would use for a 64-bit process.</summary>
    internal static class LibStdCxxLocator
    {
        private static readonly string[] DefaultDirectories =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        };

        /// <summary>The path, or null when none is found.</summary>
        public static string? Find()
        {
            foreach (string directory in SearchDirectories())
            {
                string candidate = Path.Combine(directory, "libstdc++.so.6");
                if (File.Exists(candidate) && ElfVersionNeedPatcher.IsSameMachine(File.ReadAllBytes(candidate)))
                {
                    return candidate;
                }
            }

            return null;
        }

        // The loader's order for a library without RUNPATH: LD_LIBRARY_PATH, the ld.so cache, the default directories.
        private static IEnumerable<string> SearchDirectories()
        {
            string? libraryPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(libraryPath))
            {
                foreach (string directory in libraryPath!.Split(':'))
                {
                    if (directory.Length > 0)
                    {
                        yield return directory;
                    }
                }
            }

            foreach (string path in LdConfigEntries())
            {
                yield return Path.GetDirectoryName(path)!;
            }

            foreach (string directory in DefaultDirectories)
            {
                yield return directory;
            }
        }

        private static List<string> LdConfigEntries()
        {
            var paths = new List<string>();
            foreach (string ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" })
            {
                if (!File.Exists(ldconfig))
                {
                    continue;
                }

                try
                {
                    var start = new ProcessStartInfo(ldconfig, "-p")
                    {
                        UseShellExecute = false,
                        RedirectStandardOutput = true,
                        CreateNoWindow = true,
                    };
                    using Process? process = Process.Start(start);
                    if (process == null)
                    {
                        continue;
                    }

                    string output = process.StandardOutput.ReadToEnd();
                    process.WaitForExit();
                    foreach (string line in output.Split('\n'))
                    {
                        // "	libstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6"
                        string trimmed = line.Trim();
                        int arrow = trimmed.IndexOf(" => ", StringComparison.Ordinal);
                        if (trimmed.StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && arrow > 0)
                        {
                            paths.Add(trimmed.Substring(arrow + 4).Trim());
                        }
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // No usable ldconfig: the default directories follow.
                }

                break;
            }

            return paths;
        }
    }
}

// The build step that lets TorchSharp's native library load on Linux systems whose libstdc++ predates GCC 13.
//
// Compiled into a netstandard2.0 task assembly that the GeneMask.Models.TorchSharp package ships in tasks/ and its
// buildTransitive targets load, so that consumers' builds compile nothing.
using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GeneMask.Build
{
    /// <summary>
    /// MSBuild task: for each copy of <c>libLibTorchSharp.so</c> in a build or publish output, when the system
    /// libstdc++ lacks the version the library needs, compiles a small compatibility library with the machine's
    /// C++ compiler, places it beside the copy and patches the copy (see <see cref="ElfVersionNeedPatcher"/>).
    /// </summary>
    public sealed class GeneMaskFixLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>The copies of libLibTorchSharp.so in the output (never the package cache).</summary>
        [Required]
        public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>auto</c> (patch when the system libstdc++ lacks the version) or <c>always</c>.</summary>
        public string Mode { get; set; } = "auto";

        /// <summary>The shim's C++ source.</summary>
        [Required]
        public string ShimSource { get; set; } = "";

        /// <summary>The linker version script that exports the shim's symbol under the missing version.</summary>
        [Required]
        public string ShimVersionScript { get; set; } = "";

        /// <summary>Folder (under obj/) where the shim is compiled once per project.</summary>
        [Required]
        public string IntermediateDirectory { get; set; } = "";

        /// <summary>The C++ compiler to run.</summary>
        public string Compiler { get; set; } = "g++";

        /// <summary>Explicit libstdc++.so.6 to inspect; empty means the one the dynamic loader would pick.</summary>
        public string LibStdCxxPath { get; set; } = "";

        /// <summary>Files this task wrote, for FileWrites (so that clean removes them).</summary>
        [Output]
        public ITaskItem[] WrittenFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <inheritdoc />
        public override bool Execute()
        {
            var written = new List<ITaskItem>();
            string current = "libLibTorchSharp.so";
            try
            {
                bool always = string.Equals(Mode, "always", StringComparison.OrdinalIgnoreCase);
                string? libStdCxx = null;
                bool? systemHasVersion = null;
                string? shim = null;
                foreach (ITaskItem item in Libraries)
                {
                    string library = Path.GetFullPath(item.ItemSpec);
                    current = library;
                    if (!File.Exists(library))
                    {
                        Log.LogMessage(MessageImportance.Low, "GeneMask: {0} does not exist; nothing to patch.", library);
                        continue;
                    }

                    byte[] image = File.ReadAllBytes(library);
                    ElfVersionNeedPatcher.Inspection inspection = ElfVersionNeedPatcher.Inspect(image, GlibcxxShim.RequiredVersion, GlibcxxShim.FileName);
                    if (!inspection.NeedsVersion)
                    {
                        Log.LogMessage(MessageImportance.Low, "GeneMask: {0} does not need {1}; nothing to do.", library, GlibcxxShim.RequiredVersion);
                        continue;
                    }

                    if (!always)
                    {
                        if (systemHasVersion == null)
                        {
                            libStdCxx = string.IsNullOrEmpty(LibStdCxxPath) ? LibStdCxxLocator.Find() : LibStdCxxPath;
                            systemHasVersion = libStdCxx == null
                                || ElfVersionNeedPatcher.DefinesVersion(File.ReadAllBytes(libStdCxx), GlibcxxShim.RequiredVersion);
                        }

                        if (systemHasVersion.Value)
                        {
                            Log.LogMessage(MessageImportance.Low, "GeneMask: {0} provides {1}; {2} is used as shipped.",
                                libStdCxx ?? "(no libstdc++.so.6 found)", GlibcxxShim.RequiredVersion, library);
                            continue;
                        }
                    }

                    shim ??= CompileShim();
                    if (shim == null)
                    {
                        return false;
                    }

                    string directory = Path.GetDirectoryName(library)!;
                    string shimCopy = Path.Combine(directory, GlibcxxShim.FileName);
                    if (!FilesEqual(shim, shimCopy))
                    {
                        CopyAtomically(shim, shimCopy);
                    }

                    written.Add(new TaskItem(shimCopy));
                    if (inspection.AlreadyPatched)
                    {
                        Log.LogMessage(MessageImportance.Low, "GeneMask: {0} is already patched.", library);
                        continue;
                    }

                    ElfVersionNeedPatcher.Patch(image, GlibcxxShim.RequiredVersion, GlibcxxShim.FileName);
                    WriteAtomically(library, image);
                    Log.LogMessage(MessageImportance.Normal,
                        "GeneMask: patched {0} to load with a libstdc++ older than {1} (compatibility library {2}).",
                        library, GlibcxxShim.RequiredVersion, GlibcxxShim.FileName);
                }
            }
            catch (ElfFormatException exception)
            {
                Log.LogError("GeneMask: cannot patch {0} for this system's libstdc++: {1} Set the MSBuild property GeneMaskGlibcxxFix=false to skip this step.", current, exception.Message);
                return false;
            }
            catch (IOException exception)
            {
                Log.LogError("GeneMask: patching {0} failed: {1}", current, exception.Message);
                return false;
            }
            catch (UnauthorizedAccessException exception)
            {
                Log.LogError("GeneMask: patching {0} failed: {1}", current, exception.Message);
                return false;
            }

            WrittenFiles = written.ToArray();
            return !Log.HasLoggedErrors;
        }

        /// <summary>Compiles the shim into the intermediate folder unless an up-to-date build is there.</summary>
        private string? CompileShim()
        {
            Directory.CreateDirectory(IntermediateDirectory);
            string output = Path.Combine(IntermediateDirectory, GlibcxxShim.FileName);
            if (File.Exists(output)
                && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(ShimSource)
                && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(ShimVersionScript))
            {
                return output;
            }

            string temporary = TemporaryPathBeside(output);
            string arguments = GlibcxxShim.CompilerArguments(ShimSource, ShimVersionScript, temporary);
            var start = new ProcessStartInfo(Compiler, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                process = null;
            }

            if (process == null)
            {
                Log.LogError(
                    "GeneMask: the C++ compiler '{0}' was not found. TorchSharp's libLibTorchSharp.so needs {1} from libstdc++, which this system's "
                    + "libstdc++ lacks; GeneMask compiles a small compatibility library for it. Install g++ (apt-get install g++), or point the "
                    + "MSBuild property GeneMaskGlibcxxShimCompiler at a C++ compiler, or install a libstdc++ from GCC 13 or newer, "
                    + "or set GeneMaskGlibcxxFix=false to skip this step.",
                    Compiler, GlibcxxShim.RequiredVersion);
                return null;
            }

            using (process)
            {
                string standardOutput = process.StandardOutput.ReadToEnd();
                string standardError = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    if (File.Exists(temporary))
                    {
                        File.Delete(temporary);
                    }

                    Log.LogError("GeneMask: compiling the libstdc++ compatibility library failed ({0} {1}, exit code {2}): {3}{4}",
                        Compiler, arguments, process.ExitCode, standardOutput, standardError);
                    return null;
                }
            }

            if (File.Exists(output))
            {
                File.Delete(output);
            }

            File.Move(temporary, output);
            Log.LogMessage(MessageImportance.Normal, "GeneMask: compiled {0}.", output);
            return output;
        }

        private static bool FilesEqual(string a, string b)
        {
            if (!File.Exists(b) || new FileInfo(a).Length != new FileInfo(b).Length)
            {
                return false;
            }

            byte[] left = File.ReadAllBytes(a);
            byte[] right = File.ReadAllBytes(b);
            for (int i = 0; i < left.Length; i++)
            {
                if (left[i] != right[i])
                {
                    return false;
                }
            }

            return true;
        }

        // Unique per call: builds of several projects may run at once.
        private static string TemporaryPathBeside(string path)
        {
            return path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        }

        private static void CopyAtomically(string source, string destination)
        {
            WriteAtomically(destination, File.ReadAllBytes(source));
        }

        // Temp file + rename: a crash never leaves a half-written library, and a hard link into the
        // package cache (CreateHardLinksForCopyLocalIfPossible) is replaced rather than written through.
        private static void WriteAtomically(string path, byte[] content)
        {
            string temporary = TemporaryPathBeside(path);
            File.WriteAllBytes(temporary, content);
            if (File.Exists(path))
            {
                // Keep the timestamp so MSBuild's incremental copy sees the file as unchanged and leaves it patched.
                DateTime lastWrite = File.GetLastWriteTimeUtc(path);
                File.SetLastWriteTimeUtc(temporary, lastWrite);
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
    }
}

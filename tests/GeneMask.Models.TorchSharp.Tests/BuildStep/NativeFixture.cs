using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace GeneMask.Models.TorchSharp.Tests.BuildStep;

/// <summary>Paths recorded at build time, and readelf/ldd as independent oracles for the ELF patcher.</summary>
internal static partial class NativeFixture
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";
    public const string ShimFileName = "libGeneMaskGlibcxxShim.so";

    /// <summary>The unpatched library in the NuGet package cache (read only).</summary>
    public static string ShippedLibTorchSharp => Metadata("ShippedLibTorchSharp");

    /// <summary>The folder holding the build step's sources (targets, task source, shim source and version script).</summary>
    public static string BuildStepDirectory => Metadata("GlibcxxShimDirectory");

    /// <summary>The copy the build step placed in this test project's output.</summary>
    public static string OutputLibTorchSharp =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>The system libstdc++ as the dynamic loader sees it, from `ldconfig -p` (independent of the task's search).</summary>
    public static string SystemLibStdCxx()
    {
        string output = Run("/sbin/ldconfig", "-p");
        Match match = LdConfigLibStdCxx().Match(output);
        match.Success.Should().BeTrue("ldconfig -p lists the 64-bit libstdc++.so.6:\n" + output);
        return match.Groups[1].Value.Trim();
    }

    /// <summary>True when the system libstdc++ defines the version, according to readelf.</summary>
    public static bool SystemHasRequiredVersion() => ReadElfVersionDefinitions(SystemLibStdCxx()).Contains(RequiredVersion);

    public static HashSet<string> ReadElfVersionDefinitions(string path)
    {
        string output = Run("readelf", $"-V -W \"{path}\"");
        int start = output.IndexOf("Version definition section", StringComparison.Ordinal);
        int end = output.IndexOf("Version needs section", StringComparison.Ordinal);
        if (start < 0)
        {
            return new HashSet<string>();
        }

        string section = output[start..(end > start ? end : output.Length)];
        return VersionDefinitionName().Matches(section).Select(m => m.Groups[1].Value).ToHashSet();
    }

    /// <summary>Version-needed entries as (file, version) → flags text, from readelf -V.</summary>
    public static Dictionary<string, string> ReadElfVersionNeeds(string path)
    {
        string output = Run("readelf", $"-V -W \"{path}\"");
        var result = new Dictionary<string, string>();
        foreach (Match match in VersionNeed().Matches(output))
        {
            result[match.Groups[1].Value] = match.Groups[2].Value;
        }

        return result;
    }

    /// <summary>Dynamic entries as (type, value) in order, from readelf -d.</summary>
    public static List<(string Type, string Value)> ReadElfDynamic(string path)
    {
        string output = Run("readelf", $"-d -W \"{path}\"");
        return DynamicEntry().Matches(output).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim())).ToList();
    }

    /// <summary>Section (file offset, size) by name, from readelf -S.</summary>
    public static (long Offset, long Size) ReadElfSection(string path, string name)
    {
        string output = Run("readelf", $"-S -W \"{path}\"");
        foreach (Match match in SectionHeader().Matches(output))
        {
            if (match.Groups[1].Value == name)
            {
                return (Convert.ToInt64(match.Groups[2].Value, 16), Convert.ToInt64(match.Groups[3].Value, 16));
            }
        }

        throw new InvalidOperationException($"readelf -S lists no section {name} in {path}:\n{output}");
    }

    public static string Run(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output + error.Result;
    }

    /// <summary>A fresh temporary folder, deleted by the caller.</summary>
    public static string TemporaryDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "genemask-glibcxx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string Metadata(string key) =>
        typeof(NativeFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");

    [GeneratedRegex(@"libstdc\+\+\.so\.6 \(libc6,x86-64\) => (\S+)")]
    private static partial Regex LdConfigLibStdCxx();

    [GeneratedRegex(@"Name: (\S+)")]
    private static partial Regex VersionDefinitionName();

    [GeneratedRegex(@"Name: (\S+)\s+Flags: (\S+)\s+Version:")]
    private static partial Regex VersionNeed();

    [GeneratedRegex(@"0x[0-9a-f]+ \((\w+)\)\s+(.*)")]
    private static partial Regex DynamicEntry();

    [GeneratedRegex(@"\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)")]
    private static partial Regex SectionHeader();
}

namespace GeneMask.Benchmarks;

/// <summary>Finds the real data sets beside the repository for the benchmarks (<c>GENEMASK_DATA</c> overrides).</summary>
public static class BenchmarkData
{
    /// <summary>The shared data folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the data folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GENEMASK_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        // BenchmarkDotNet runs the benchmarks from a generated project below bin/, so walk up to the solution.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GeneMask.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new DirectoryNotFoundException("GeneMask.sln not found above the benchmark; set GENEMASK_DATA to the data folder.");
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
    }
}

namespace GeneMask.Tests;

/// <summary>Locates the real data sets that live beside the repository (<c>../shared/data</c>).</summary>
internal static class TestData
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The data folder; <c>GENEMASK_TEST_DATA</c> overrides the default location.</summary>
    public static string Root => LazyRoot.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Genome(string file) => Path("genomes", file);

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GeneMask.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new DirectoryNotFoundException(
                $"No GeneMask.sln above '{AppContext.BaseDirectory}'.");
        }
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GENEMASK_TEST_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        if (!Directory.Exists(candidate))
        {
            throw new DirectoryNotFoundException(
                $"Test data not found at '{candidate}'. Put the shared data folder beside the repository or set GENEMASK_TEST_DATA.");
        }

        return candidate;
    }
}

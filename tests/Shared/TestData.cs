namespace GeneMask.Tests;

/// <summary>
/// Locates the real data the tests read. The default run reads only data inside the repository
/// (<c>tests/data</c> and <c>samples/data</c>), so a fresh clone passes on its own; a missing file fails the test.
/// Checks over the larger benchmark collections carry <see cref="SharedDataCategory"/> and read <see cref="Shared"/>.
/// </summary>
internal static class TestData
{
    /// <summary>Category of the checks that need the outside data set; excluded from the default run (tests/default.runsettings).</summary>
    public const string SharedDataCategory = "SharedData";

    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);
    private static readonly Lazy<string> LazyShared = new(FindShared);

    /// <summary>The in-repository data laid out like a benchmark download (few-shot and GUE tasks, genomes): <c>samples/data</c>.</summary>
    public static string Root => System.IO.Path.Combine(RepositoryRoot, "samples", "data");

    /// <summary>The test-only data: <c>tests/data</c>.</summary>
    public static string TestsRoot => System.IO.Path.Combine(RepositoryRoot, "tests", "data");

    /// <summary>A file from <c>tests/data</c> or else <c>samples/data</c>; fails when neither has it.</summary>
    public static string Path(params string[] parts)
    {
        var relative = System.IO.Path.Combine(parts);
        foreach (var root in new[] { TestsRoot, Root })
        {
            var candidate = System.IO.Path.Combine(root, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Test data '{relative}' is in neither '{TestsRoot}' nor '{Root}'. Checks over outside data belong in category {SharedDataCategory}.");
    }

    public static string Genome(string file) => Path("genomes", file);

    /// <summary>
    /// The outside data set (<c>../shared/data</c> beside the repository, or <c>GENEMASK_TEST_DATA</c>) for checks in
    /// <see cref="SharedDataCategory"/>; fails when it is missing.
    /// </summary>
    public static string Shared => LazyShared.Value;

    public static string SharedPath(params string[] parts) => System.IO.Path.Combine([Shared, .. parts]);

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GeneMask.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException($"No GeneMask.sln above '{AppContext.BaseDirectory}'.");
    }

    private static string FindShared()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GENEMASK_TEST_DATA");
        var candidate = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        if (!Directory.Exists(candidate))
        {
            throw new DirectoryNotFoundException(
                $"Category {SharedDataCategory} needs the benchmark data set at '{candidate}': put it in a shared/data folder beside the repository or set GENEMASK_TEST_DATA.");
        }

        return candidate;
    }
}

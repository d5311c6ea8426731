using System.Collections;
using GeneMask.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using static GeneMask.Models.TorchSharp.Tests.BuildStep.NativeFixture;

namespace GeneMask.Models.TorchSharp.Tests.BuildStep;

/// <summary>The MSBuild task end to end on copies of the real library, with the machine's g++.</summary>
[Platform("Linux")]
public class GeneMaskFixLibTorchSharpTaskTests
{
    // g++ runs once for the fixture (a second of CPU): every test shares the compiled shim through this obj/ folder.
    private string _sharedIntermediate = "";
    private RecordingBuildEngine _firstCompile = new();
    private string _directory = "";
    private string _output = "";
    private string _library = "";

    [OneTimeSetUp]
    public void CompileShimOnce()
    {
        _sharedIntermediate = TemporaryDirectory();
        SetUp();
        var task = NewTask(_firstCompile, "always");
        task.IntermediateDirectory = _sharedIntermediate;
        task.Execute().Should().BeTrue(_firstCompile.Text);
        TearDown();
    }

    [OneTimeTearDown]
    public void DeleteSharedIntermediate() => Directory.Delete(_sharedIntermediate, recursive: true);

    [SetUp]
    public void SetUp()
    {
        _directory = TemporaryDirectory();
        _output = Path.Combine(_directory, "bin", "runtimes", "linux-x64", "native");
        Directory.CreateDirectory(_output);
        _library = Path.Combine(_output, "libLibTorchSharp.so");
        File.Copy(ShippedLibTorchSharp, _library);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_shim_is_compiled_once_and_reused_while_up_to_date()
    {
        _firstCompile.Text.Should().Contain("compiled " + Path.Combine(_sharedIntermediate, ShimFileName));
        var engine = new RecordingBuildEngine();

        NewTask(engine, "always").Execute().Should().BeTrue(engine.Text);

        engine.Text.Should().NotContain("compiled");
        File.ReadAllBytes(Path.Combine(_output, ShimFileName)).Should().Equal(File.ReadAllBytes(Path.Combine(_sharedIntermediate, ShimFileName)));
    }

    [Test]
    public void Always_mode_places_the_shim_beside_the_library_and_patches_the_library_once()
    {
        DateTime shipped = File.GetLastWriteTimeUtc(_library);
        var engine = new RecordingBuildEngine();

        NewTask(engine, "always").Execute().Should().BeTrue(engine.Text);

        string shim = Path.Combine(_output, ShimFileName);
        File.Exists(shim).Should().BeTrue();
        ReadElfVersionDefinitions(shim).Should().Contain(RequiredVersion);
        Run("nm", $"-D --defined-only \"{shim}\"").Should().Contain("T _ZSt21ios_base_library_initv@@GLIBCXX_3.4.32");
        ReadElfVersionNeeds(_library)[RequiredVersion].Should().Be("WEAK");
        File.GetLastWriteTimeUtc(_library).Should().Be(shipped, "the incremental copy must keep seeing the file as unchanged");

        byte[] patched = File.ReadAllBytes(_library);
        var again = new RecordingBuildEngine();
        var second = NewTask(again, "always");
        second.Execute().Should().BeTrue(again.Text);

        File.ReadAllBytes(_library).Should().Equal(patched);
        again.Text.Should().Contain("already patched");
        second.WrittenFiles.Select(i => i.ItemSpec).Should().Contain(shim);
    }

    [Test]
    public void The_patched_library_resolves_every_dependency_with_ldd()
    {
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(OutputLibTorchSharp)!).Where(f => !f.EndsWith("libLibTorchSharp.so", StringComparison.Ordinal) && !f.EndsWith(ShimFileName, StringComparison.Ordinal)))
        {
            File.CreateSymbolicLink(Path.Combine(_output, Path.GetFileName(file)), file);
        }

        var engine = new RecordingBuildEngine();
        NewTask(engine, "always").Execute().Should().BeTrue(engine.Text);

        string ldd = Run("ldd", $"\"{_library}\"");
        ldd.Should().NotContain("=> not found");
        ldd.Should().Contain($"{ShimFileName} => {Path.Combine(_output, ShimFileName)}");
        ldd.Should().Contain($"libtorch_cpu.so => {Path.Combine(_output, "libtorch_cpu.so")}");
    }

    [Test]
    public void Auto_mode_leaves_the_library_alone_when_the_libstdcxx_defines_the_version()
    {
        // The shim defines GLIBCXX_3.4.32: inspected as "the libstdc++" it has the version.
        string providesVersion = Path.Combine(_sharedIntermediate, ShimFileName);
        var engine = new RecordingBuildEngine();

        var task = NewTask(engine, "auto");
        task.LibStdCxxPath = providesVersion;
        task.Execute().Should().BeTrue(engine.Text);

        File.ReadAllBytes(_library).Should().Equal(File.ReadAllBytes(ShippedLibTorchSharp));
        File.Exists(Path.Combine(_output, ShimFileName)).Should().BeFalse();
    }

    [Test]
    public void Auto_mode_patches_exactly_when_the_system_libstdcxx_lacks_the_version()
    {
        var engine = new RecordingBuildEngine();

        NewTask(engine, "auto").Execute().Should().BeTrue(engine.Text);

        bool patched = ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(_library), RequiredVersion, ShimFileName).AlreadyPatched;
        patched.Should().Be(!SystemHasRequiredVersion());
    }

    [Test]
    public void A_hard_link_into_the_package_cache_is_replaced_not_written_through()
    {
        string cache = Path.Combine(_directory, "cache-libLibTorchSharp.so");
        File.Move(_library, cache);
        Run("ln", $"\"{cache}\" \"{_library}\"");
        Run("stat", $"-c %h \"{cache}\"").Trim().Should().Be("2");
        byte[] cached = File.ReadAllBytes(cache);

        var engine = new RecordingBuildEngine();
        NewTask(engine, "always").Execute().Should().BeTrue(engine.Text);

        File.ReadAllBytes(cache).Should().Equal(cached);
        ReadElfVersionNeeds(_library)[RequiredVersion].Should().Be("WEAK");
    }

    [Test]
    public void A_missing_compiler_fails_the_build_with_the_way_out()
    {
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, "always");
        task.Compiler = "genemask-no-such-compiler";
        task.IntermediateDirectory = Path.Combine(_directory, "obj");

        task.Execute().Should().BeFalse();

        engine.Errors.Should().ContainSingle().Which.Should()
            .Contain("'genemask-no-such-compiler' was not found")
            .And.Contain("apt-get install g++")
            .And.Contain("GeneMaskGlibcxxFix=false");
        File.ReadAllBytes(_library).Should().Equal(File.ReadAllBytes(ShippedLibTorchSharp));
    }

    [Test]
    public void A_compiler_error_fails_the_build_with_the_compiler_output_and_leaves_nothing_behind()
    {
        string source = Path.Combine(_directory, "broken.cpp");
        File.WriteAllText(source, "this is not C++;\n");
        string intermediate = Path.Combine(_directory, "obj");
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, "always");
        task.ShimSource = source;
        task.IntermediateDirectory = intermediate;

        task.Execute().Should().BeFalse();

        engine.Errors.Should().ContainSingle().Which.Should()
            .Contain("compiling the libstdc++ compatibility library failed")
            .And.Contain("broken.cpp:1");
        Directory.GetFiles(intermediate).Should().BeEmpty();
        File.ReadAllBytes(_library).Should().Equal(File.ReadAllBytes(ShippedLibTorchSharp));
    }

    private GeneMaskFixLibTorchSharp NewTask(IBuildEngine engine, string mode) => new()
    {
        BuildEngine = engine,
        Libraries = new ITaskItem[] { new TaskItem(_library) },
        Mode = mode,
        ShimSource = Path.Combine(BuildStepDirectory, "GeneMask.Models.TorchSharp.GlibcxxShim.cpp"),
        ShimVersionScript = Path.Combine(BuildStepDirectory, "GeneMask.Models.TorchSharp.GlibcxxShim.map"),
        IntermediateDirectory = _sharedIntermediate,
    };

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<string> Errors { get; } = new();

        public List<string> Messages { get; } = new();

        public string Text => string.Join("\n", Errors.Concat(Messages));

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e) => Messages.Add(e.Message ?? "");

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? "");

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? "");

        public void LogWarningEvent(BuildWarningEventArgs e) => Messages.Add(e.Message ?? "");
    }
}

using GeneMask.Models.TorchSharp.Tests.BuildStep;

namespace GeneMask.Models.TorchSharp.Tests;

public class TorchNativeLibraryTests
{
    [Test]
    public void EnsureLoaded_succeeds_in_a_build_output_prepared_by_the_build_step()
    {
        FluentActions.Invoking(TorchNativeLibrary.EnsureLoaded).Should().NotThrow();
        FluentActions.Invoking(TorchNativeLibrary.EnsureLoaded).Should().NotThrow("loading is idempotent");
    }

    [Test]
    [Platform("Linux")]
    public void An_unpatched_copy_is_explained_with_the_loader_message_and_the_way_out()
    {
        Assume.That(NativeFixture.SystemHasRequiredVersion(), Is.False, "only a libstdc++ without GLIBCXX_3.4.32 rejects the shipped library");
        string directory = NativeFixture.TemporaryDirectory();
        try
        {
            string unpatched = Path.Combine(directory, "libLibTorchSharp.so");
            File.Copy(NativeFixture.ShippedLibTorchSharp, unpatched);
            foreach (string library in new[] { "libtorch.so", "libc10.so", "libtorch_cpu.so", "libgomp-98b21ff3.so.1" })
            {
                File.CreateSymbolicLink(Path.Combine(directory, library), Path.Combine(Path.GetDirectoryName(NativeFixture.OutputLibTorchSharp)!, library));
            }

            string? reason = TorchNativeLibrary.DescribeLoadFailure(unpatched);

            reason.Should().Contain($"version `GLIBCXX_3.4.32' not found (required by {unpatched})")
                .And.Contain("GeneMaskGlibcxxFix=false")
                .And.Contain("TorchSharp does not load on Linux");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    [Platform("Linux")]
    public void The_patched_output_copy_loads_on_its_own()
    {
        TorchNativeLibrary.DescribeLoadFailure(NativeFixture.OutputLibTorchSharp).Should().BeNull();
    }
}

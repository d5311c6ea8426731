using GeneMask.Build;
using GeneMask.Models.TorchSharp.Tests.BuildStep;
using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Real LibTorch computations in the test host: they load the native library the build step prepared.</summary>
public class TorchSmokeTests
{
    [Test]
    public void Matmul_and_backward_give_the_hand_computed_values()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, requires_grad: true);
        var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        var product = a.matmul(b);

        // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]
        product.data<float>().ToArray().Should().Equal(19f, 22f, 43f, 50f);

        // d(sum(A B))/dA = 1 B^T: every row holds the row sums of B, [11, 15].
        product.sum().backward();
        a.grad!.data<float>().ToArray().Should().Equal(11f, 15f, 11f, 15f);
    }

    [Test]
    [Platform("Linux")]
    public void The_process_runs_the_output_copy_of_libLibTorchSharp_patched_exactly_when_the_system_needs_it()
    {
        using (var warmUp = ones(2))
        {
            warmUp.sum().item<float>().Should().Be(2f);
        }

        string[] mapped = File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => fields[5])
            .Distinct()
            .ToArray();

        mapped.Should().Contain(NativeFixture.OutputLibTorchSharp);
        bool patched = ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(NativeFixture.OutputLibTorchSharp), NativeFixture.RequiredVersion, NativeFixture.ShimFileName).AlreadyPatched;
        bool needsFix = !NativeFixture.SystemHasRequiredVersion();
        patched.Should().Be(needsFix);
        mapped.Contains(Path.Combine(Path.GetDirectoryName(NativeFixture.OutputLibTorchSharp)!, NativeFixture.ShimFileName)).Should().Be(needsFix);
    }
}

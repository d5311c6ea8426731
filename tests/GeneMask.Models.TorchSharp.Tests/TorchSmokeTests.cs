using TorchSharp;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Real LibTorch computations in the test host: they load the (patched, where needed) native library.</summary>
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

        // d(sum(A B))/dA = 1 B^T: every row is the row sums of B, [11, 15].
        product.sum().backward();
        a.grad!.data<float>().ToArray().Should().Equal(11f, 15f, 11f, 15f);
    }
}

using TorchSharp;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Fixes torch's thread counts once for the whole assembly so that results are reproducible.</summary>
[SetUpFixture]
public sealed class TorchTestSetup
{
    [OneTimeSetUp]
    public void FixThreads()
    {
        torch.set_num_threads(1);
    }
}

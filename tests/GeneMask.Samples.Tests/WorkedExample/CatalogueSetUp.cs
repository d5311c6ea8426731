using GeneMask.Masking;

namespace GeneMask.Samples.Tests;

/// <summary>Adds the worked example strategy to the catalogue before any test of this assembly runs, as an app would at start.</summary>
[SetUpFixture]
public sealed class CatalogueSetUp
{
    [OneTimeSetUp]
    public void Register() => MaskingCatalog.Register(WideSpanMasking.Entry);
}

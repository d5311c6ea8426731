using Microsoft.Extensions.DependencyInjection;

namespace GeneMask.Pmi.Tests;

public class PmiServiceTests
{
    [Test]
    public void Services_are_registered_with_validated_options()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddGeneMaskPmi(c => c.K = 3, p => { p.K = 3; p.MinCount = 2; });
        using var provider = services.BuildServiceProvider();
        var counter = provider.GetRequiredService<GenomeCounter>();
        var builder = provider.GetRequiredService<PmiTableBuilder>();
        var counts = counter.CountSequence(System.Text.Encoding.ASCII.GetBytes("ACGTACGTTTGACCA"));
        builder.Build(counts).K.Should().Be(3);

        var bad = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddGeneMaskPmi(configurePmi: p => p.MinCount = -4);
        using var badProvider = bad.BuildServiceProvider();
        var act = () => badProvider.GetRequiredService<PmiTableBuilder>();
        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*MinCount = -4*");
    }
}

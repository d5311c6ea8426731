using GeneMask.Evaluation;
using GeneMask.Models.TorchSharp.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Tests;

public sealed class ServiceRegistrationTests
{
    [Test]
    public void Trainers_resolve_with_their_configured_options()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddGeneMaskFineTuning(o => o.Config = Tiny.Config)
            .AddGeneMaskPretraining(o => o.MaxSteps = 700)
            .BuildServiceProvider();
        provider.GetRequiredService<ISequenceClassifierTrainer>().Should().BeOfType<SequenceClassifierTrainer>();
        provider.GetRequiredService<MlmPretrainer>().Should().NotBeNull();
        provider.GetRequiredService<IOptions<PretrainingOptions>>().Value.MaxSteps.Should().Be(700);
    }

    [Test]
    public void Invalid_options_fail_on_resolution_with_the_field_named()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddGeneMaskPretraining(o => o.GradientAccumulationSteps = 0)
            .BuildServiceProvider();
        var act = () => provider.GetRequiredService<MlmPretrainer>();
        act.Should().Throw<OptionsValidationException>().WithMessage("*GradientAccumulationSteps must be at least 1; found 0*");
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking.Tests;

public class RegistrationTests
{
    [Test]
    public void Defaults_register_the_paper_setup()
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking().BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ICurriculumScheduler>().Should().BeOfType<CmGemsCurriculum>();
        provider.GetRequiredService<PmiTable>().K.Should().Be(6);
        provider.GetRequiredService<GeneMaskMasking>().DefaultProbability.Should().BeApproximately(0.0176, 0.0001);
        provider.GetRequiredService<GlobalPmiMasking>().DefaultProbability.Should().BeApproximately(0.0136, 0.0001);
        provider.GetRequiredService<MlmCollator>().RandomReplacement.Should().Be(RandomReplacementSource.KmerIds);
    }

    [Test]
    public void Configured_curriculum_and_compat_switches_are_used()
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking(o =>
        {
            o.Curriculum = CurriculumKind.CmStep;
            o.CmStep.Blocks = 10;
            o.GlobalPmi.RankLookup = RankLookup.ByPosition;
        }).BuildServiceProvider();
        provider.GetRequiredService<ICurriculumScheduler>().Should().BeOfType<CmStepCurriculum>().Which.Blocks.Should().Be(10);
        provider.GetRequiredService<GlobalPmiMasking>().RankLookup.Should().Be(RankLookup.ByPosition);
    }

    [Test]
    public void Invalid_options_fail_on_start_naming_every_offending_value()
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking(o =>
        {
            o.Collator.MaskTokenProbability = 0.95;
            o.Collator.RandomTokenProbability = 0.1;
            o.KmerSpan.K = 5;
            o.GeneMask.Probability = 1.5;
        }).BuildServiceProvider();
        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();
        var error = validate.Should().Throw<OptionsValidationException>().Which;
        var message = string.Join(" | ", error.Failures);
        message.Should().Contain("0.95 + 0.1").And.Contain("KmerSpan.K = 5 must equal Collator.K = 6").And.Contain("Probability must be a probability in [0, 1], but is 1.5");
        FluentActions.Invoking(() => provider.GetRequiredService<ICurriculumScheduler>()).Should().Throw<OptionsValidationException>();
    }

    [Test]
    public void Two_training_runs_from_one_container_get_curricula_of_their_own()
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking(o => o.CmGems.EvaluationInterval = 100).BuildServiceProvider();

        // Run 1 sees the perplexity level off (a drop of 0.5 < 1.0) and switches to Global PMI masking.
        var first = (CmGemsCurriculum)provider.GetRequiredService<ICurriculumScheduler>();
        first.OnEvaluation(100, 20.0);
        first.OnEvaluation(200, 19.5);
        first.GetPhase(new TrainingState(250, 1_000, 250)).Strategy.Should().BeOfType<GlobalPmiMasking>();

        // Run 2 starts afresh: no evaluations, no switch, the easy phase.
        var second = (CmGemsCurriculum)provider.GetRequiredService<ICurriculumScheduler>();
        second.Should().NotBeSameAs(first);
        second.Evaluations.Should().BeEmpty();
        second.HasSwitched.Should().BeFalse();
        second.GetPhase(new TrainingState(250, 1_000, 250)).Strategy.Should().BeOfType<GeneMaskMasking>();
        first.Evaluations.Should().HaveCount(2);

        // The immutable parts are shared.
        provider.GetRequiredService<GeneMaskMasking>().Should().BeSameAs(provider.GetRequiredService<GeneMaskMasking>());
    }

    [Test]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Masking:Curriculum"] = "CmStep",
            ["Masking:CmStep:Blocks"] = "10",
            ["Masking:Collator:Seed"] = "7",
        }).Build();

        using var provider = new ServiceCollection().AddGeneMaskMasking(configuration.GetSection("Masking")).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ICurriculumScheduler>().Should().BeOfType<CmStepCurriculum>().Which.Blocks.Should().Be(10);
        provider.GetRequiredService<MlmCollator>().Seed.Should().Be(7UL);
    }

    [Test]
    public void Configured_values_are_validated_on_start_like_coded_ones()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GeneMask:Probability"] = "1.5",
        }).Build();

        using var provider = new ServiceCollection().AddGeneMaskMasking(configuration).BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();
        validate.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("1.5");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking.Tests;

/// <summary>The catalogue is the one place strategies and curricula are named; everything built from it agrees with it.</summary>
public class CatalogueTests
{
    private static PmiTable Table => RealRows.Table;

    [Test]
    public void The_library_lists_four_strategies_and_two_curricula_under_their_canonical_names()
    {
        MaskingCatalog.Strategies.Select(s => s.Name).Should().StartWith(["random-token", "kmer-span", "genemask", "global"]);
        MaskingCatalog.Curricula.Select(c => c.Name).Should().Equal("cm-gems", "cm-step");
        MaskingCatalog.All.Should().Equal([.. MaskingCatalog.Strategies, .. MaskingCatalog.Curricula]);
        MaskingCatalog.GetStrategy("random-span").Name.Should().Be("kmer-span", "the pipeline's and the command line's earlier name");
        MaskingCatalog.GetStrategy("GLOBAL-PMI ").Name.Should().Be("global", "the strategy's earlier name, case and spaces ignored");
    }

    [Test]
    public void Every_strategy_is_built_under_its_entry_s_name_type_and_options()
    {
        foreach (var entry in MaskingCatalog.Strategies)
        {
            var strategy = entry.Create(Table);
            strategy.Name.Should().Be(entry.Name);
            strategy.Should().BeOfType(entry.StrategyType);
            strategy.Description.Should().StartWith(entry.Name + "(");
            entry.CreateOptions(Table).Should().BeOfType(entry.OptionsType);
            MaskingPhase.Of(strategy).Name.Should().Be(entry.Name, "the phase a constant run logs");
            var constant = entry.CreateCurriculum(Table);
            constant.GetPhase(new TrainingState(0, 10, 0)).Name.Should().Be(entry.Name);
            constant.Description.Should().Contain(strategy.Description);
            MaskingCatalog.Get(entry.Name).Should().BeSameAs(entry);
            foreach (var alias in entry.Aliases)
            {
                MaskingCatalog.GetStrategy(alias).Should().BeSameAs(entry);
            }
        }
    }

    [Test]
    public void Curricula_by_name_are_the_papers_curricula()
    {
        var cmGems = MaskingCatalog.GetCurriculum("cm-gems").CreateCurriculum(Table, settings: new CurriculumSettings { CmGems = new CmGemsCurriculumOptions { EvaluationInterval = 20 } });
        cmGems.Should().BeOfType<CmGemsCurriculum>();
        cmGems.Name.Should().Be("cm-gems");
        cmGems.Description.Should().Be(CmGemsCurriculum.Create(Table, new CmGemsCurriculumOptions { EvaluationInterval = 20 }).Description);
        MaskingCatalog.GetCurriculum("cm-gems").DecidesOnEvaluations.Should().BeTrue();

        var cmStep = MaskingCatalog.GetCurriculum("cm-step").CreateCurriculum(Table);
        cmStep.Name.Should().Be("cm-step");
        cmStep.Description.Should().Be(CmStepCurriculum.Create(Table).Description);
        MaskingCatalog.GetCurriculum("cm-step").DecidesOnEvaluations.Should().BeFalse();
    }

    [Test]
    public void Unknown_names_are_errors_that_list_the_known_ones()
    {
        FluentActions.Invoking(() => MaskingCatalog.GetStrategy("everything")).Should().Throw<ArgumentException>()
            .WithMessage("Unknown masking strategy 'everything'; expected one of random-token, kmer-span, genemask, global*random-span = kmer-span*global-pmi = global*");
        FluentActions.Invoking(() => MaskingCatalog.GetStrategy("cm-gems")).Should().Throw<ArgumentException>("a curriculum is not a strategy");
        FluentActions.Invoking(() => MaskingCatalog.GetCurriculum("genemask")).Should().Throw<ArgumentException>().WithMessage("*expected one of cm-gems, cm-step*");
        FluentActions.Invoking(() => MaskingCatalog.Get("none")).Should().Throw<ArgumentException>().WithMessage("*kmer-span*cm-step*");
        MaskingCatalog.TryGet(null, out _).Should().BeFalse();
    }

    [Test]
    public void Registration_refuses_bad_reserved_and_taken_names_and_ignores_a_repeat()
    {
        MaskingStrategyEntry Entry(string name, params string[] aliases) => new MaskingStrategyEntry<RandomTokenMasking, RandomTokenMaskingOptions>
        {
            Name = name,
            Aliases = aliases,
            Factory = (_, options) => new RandomTokenMasking(options),
        };
        var before = MaskingCatalog.All;

        FluentActions.Invoking(() => MaskingCatalog.Register(Entry("Wide Span"))).Should().Throw<ArgumentException>().WithMessage("*lower-case*");
        FluentActions.Invoking(() => MaskingCatalog.Register(Entry("none"))).Should().Throw<ArgumentException>().WithMessage("*reserved*");
        FluentActions.Invoking(() => MaskingCatalog.Register(Entry("genemask"))).Should().Throw<ArgumentException>().WithMessage("*already names*genemask*");
        FluentActions.Invoking(() => MaskingCatalog.Register(Entry("fresh-name", "global-pmi"))).Should().Throw<ArgumentException>().WithMessage("*'global-pmi' already names*global*");
        MaskingCatalog.Register(MaskingCatalog.GetStrategy("genemask"));

        MaskingCatalog.All.Should().Equal(before);
    }

    [Test]
    public void An_entry_refuses_options_of_another_strategy()
    {
        FluentActions.Invoking(() => MaskingCatalog.GetStrategy("genemask").Create(Table, new GlobalPmiMaskingOptions()))
            .Should().Throw<ArgumentException>().WithMessage("*'genemask' strategy takes GeneMaskMaskingOptions, not GlobalPmiMaskingOptions*");
    }

    [Test]
    public void Upstream_compatibility_reaches_every_option_it_names_and_nothing_else()
    {
        var all = UpstreamCompatibility.All;
        var genemask = (GeneMaskMasking)MaskingCatalog.GetStrategy("genemask").Create(Table, all);
        genemask.RankLookup.Should().Be(RankLookup.ByPosition);
        genemask.UnknownKmerRank.Should().Be(UnknownKmerRank.Best);
        genemask.KeepAllCentresUpTo.Should().Be(8);
        genemask.Description.Should().Contain("p=0.0176", "upstream writes GeneMask's 0.15 / 8.5 as 0.0176");
        var global = (GlobalPmiMasking)MaskingCatalog.GetStrategy("global").Create(Table, all);
        global.RankLookup.Should().Be(RankLookup.ByPosition);
        global.UnknownKmerRank.Should().Be(UnknownKmerRank.Worst, "upstream's Global ranks [UNK] worst too");
        global.Description.Should().Contain("p=0.0136", "upstream writes Global's 0.15 / 11 as 0.0136");
        var paper = MaskingCatalog.GetStrategy("genemask").Create(Table, UpstreamCompatibility.None);
        paper.Description.Should().Contain(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p={0.15 / 8.5:R}"));
        MaskingCatalog.GetStrategy("kmer-span").Create(Table, all).Description.Should().Be(new KmerSpanMasking().Description);

        var collator = new MlmCollatorOptions();
        all.ApplyTo(collator);
        collator.RandomReplacement.Should().Be(RandomReplacementSource.WholeVocabulary);

        // By name, the compatibility decides CM-GEMS's rule; the caller's options are left as they were.
        var settings = new CurriculumSettings { CmGems = new CmGemsCurriculumOptions { EvaluationInterval = 7, Threshold = 0.5 } };
        MaskingCatalog.GetCurriculum("cm-gems").CreateCurriculum(Table, all, settings).Description
            .Should().EndWith("threshold=0.5, rule=MinimumAbsoluteChange, evaluation-interval=7)").And.Contain(genemask.Description).And.Contain(global.Description);
        settings.CmGems.Rule.Should().Be(CmGemsSwitchRule.LastDrop);

        UpstreamCompatibility.FromSwitches(UpstreamCompatibility.SwitchNames).Should().Be(all with { CmGemsRule = CmGemsSwitchRule.LastDrop });
        UpstreamCompatibility.FromSwitches([]).Should().Be(UpstreamCompatibility.None);
        UpstreamCompatibility.FromSwitches(["Rank-By-Position"]).Should().Be(UpstreamCompatibility.None with { RankLookup = RankLookup.ByPosition });
        FluentActions.Invoking(() => UpstreamCompatibility.FromSwitches(["be-wrong"])).Should().Throw<ArgumentException>()
            .WithMessage("*'be-wrong'*rank-by-position, keep-all-centres, unknown-best, whole-vocabulary, rounded-probabilities*");
    }

    [Test]
    public void Dependency_injection_registers_every_strategy_by_type_and_by_name()
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking().BuildServiceProvider();
        foreach (var entry in MaskingCatalog.Strategies)
        {
            var byName = provider.GetRequiredKeyedService<IMaskingStrategy>(entry.Name);
            byName.Name.Should().Be(entry.Name);
            provider.GetRequiredService(entry.StrategyType).Should().BeSameAs(byName);
        }
    }

    [TestCase("kmer-span", typeof(KmerSpanMasking))]
    [TestCase("global-pmi", typeof(GlobalPmiMasking))]
    [TestCase("random-token", typeof(RandomTokenMasking))]
    public void Dependency_injection_builds_the_constant_curriculum_of_any_strategy_by_name(string name, Type type)
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking(o =>
        {
            o.Curriculum = CurriculumKind.Constant;
            o.Strategy = name;
        }).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ICurriculumScheduler>().GetPhase(new TrainingState(0, 10, 0)).Strategy.Should().BeOfType(type);
    }

    [Test]
    public void Dependency_injection_refuses_an_unknown_strategy_instead_of_falling_back()
    {
        using var provider = new ServiceCollection().AddGeneMaskMasking(o =>
        {
            o.Curriculum = CurriculumKind.Constant;
            o.Strategy = "globl";
        }).BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().WithMessage("*Strategy must be one of random-token, kmer-span, genemask, global*but is 'globl'*");
    }

    [Test]
    public void The_figure_draws_every_strategy_of_the_catalogue_then_the_upstream_contrast()
    {
        var bases = string.Concat(Enumerable.Repeat("ACGTTGCAAGCTTAGC", 10));
        var rows = MaskingFigure.Compute(bases, Table, seed: 3);

        rows.Select(r => r.Strategy).Should().Equal([.. MaskingCatalog.Strategies.Select(s => s.Name), "global"]);
        rows[^1].Compatibility.RankLookup.Should().Be(RankLookup.ByPosition);
        rows.Take(rows.Count - 1).Should().OnlyContain(r => r.Compatibility == UpstreamCompatibility.None);
        rows.Select(r => r.Label).Should().StartWith(["random token (BERT), p = 0.15", "k-mer span (DNABERT), p = 0.025", "GeneMask, p = 0.0176", "Global PMI, p = 0.0136"])
            .And.EndWith("Global PMI, upstream rank by position");
    }
}

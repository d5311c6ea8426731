using System.Globalization;

namespace GeneMask.Masking.Tests;

/// <summary>Descriptions name every setting that changes the masks, in one canonical form.</summary>
public class DescriptionTests
{
    [Test]
    public void Built_in_strategies_describe_every_setting()
    {
        var table = RealRows.Table;

        new RandomTokenMasking().Description.Should().Be("random-token(p=0.15)");
        new KmerSpanMasking().Description.Should().Be("kmer-span(k=6, p=0.025)");
        new GeneMaskMasking(table).Description.Should().Be("genemask(k=6, p=0.01764705882352941, rank-lookup=ByToken, unknown-kmer-rank=Worst, keep-all-centres-up-to=0)");
        new GlobalPmiMasking(table).Description.Should().Be("global(k=6, p=0.013636363636363636, rank-lookup=ByToken, unknown-kmer-rank=Worst)");
    }

    [Test]
    public void A_changed_setting_changes_the_description()
    {
        var table = RealRows.Table;
        string[] descriptions =
        [
            new GeneMaskMasking(table).Description,
            new GeneMaskMasking(table, new GeneMaskMaskingOptions { Probability = 0.02 }).Description,
            new GeneMaskMasking(table, new GeneMaskMaskingOptions { RankLookup = RankLookup.ByPosition }).Description,
            new GeneMaskMasking(table, new GeneMaskMaskingOptions { UnknownKmerRank = UnknownKmerRank.Best }).Description,
            new GeneMaskMasking(table, new GeneMaskMaskingOptions { KeepAllCentresUpTo = 8 }).Description,
            new GlobalPmiMasking(table).Description,
            new GlobalPmiMasking(table, new GlobalPmiMaskingOptions { RankLookup = RankLookup.ByPosition }).Description,
            new KmerSpanMasking(new KmerSpanMaskingOptions { K = 5 }).Description,
            new KmerSpanMasking().Description,
        ];

        descriptions.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Curricula_describe_their_strategies_and_settings()
    {
        var table = RealRows.Table;
        var genemask = new GeneMaskMasking(table);
        var global = new GlobalPmiMasking(table);

        new ConstantCurriculum(genemask, 0.03).Description.Should().Be($"constant(strategy={genemask.Description}, p=0.03)");
        new CmGemsCurriculum(genemask, global, new CmGemsCurriculumOptions { Threshold = 0.5, EvaluationInterval = 20 }).Description
            .Should().Be($"cm-gems(easy={genemask.Description}, hard={global.Description}, threshold=0.5, rule=LastDrop, evaluation-interval=20)");
        CmStepCurriculum.Create(table).Description.Should().Be($"cm-step(easy={new KmerSpanMasking().Description}, hard={global.Description}, blocks=100, seed=0)");
        new MaskingRatioDecayCurriculum(genemask).Description.Should().StartWith($"ratio-decay(strategy={genemask.Description}, start=0.03529411764705882, end=0.008823529411764706, shape=Linear)");
        new DelegateCurriculum("mine", (_, _) => MaskingPhase.Of(genemask)).Description.Should().Be("mine");
    }

    [Test]
    public void The_format_does_not_depend_on_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            MaskingDescription.Format("x", ("p", 0.1 + 0.2), ("n", 1_000), ("rule", CmGemsSwitchRule.LastDrop)).Should().Be("x(p=0.30000000000000004, n=1000, rule=LastDrop)");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}

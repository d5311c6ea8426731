using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Reproduction;
using GeneMask.Reproduction.Comparison;
using Microsoft.Extensions.DependencyInjection;

namespace GeneMask.Samples.Tests;

/// <summary>Every place that names a strategy or a curriculum reads the catalogue: one name per entry, everywhere.</summary>
public class NamingTests
{
    [Test]
    public void Every_consumer_names_every_catalogue_entry_as_the_catalogue_does()
    {
        var table = PmiTable.LoadDefault();
        using var provider = new ServiceCollection().AddGeneMaskMasking().BuildServiceProvider();
        var figure = MaskingFigure.Compute(string.Concat(Enumerable.Repeat("ACGTTGCAAGCTTAGC", 10)), table, seed: 1).Select(r => r.Strategy).ToList();
        var comparison = new MaskingComparison(MaskingComparisonOptions.Tiny with { Arms = ComparisonArms.All });
        var commandLine = SampleCommands.Build(SampleApp.Logo);
        var help = string.Join("\n", new[] { "mask", "pretrain", "reproduce", "compare" }.Select(c => SampleRun.Start(c, "--help").Output));
        var names = new List<string>();
        foreach (var entry in MaskingCatalog.All)
        {
            var name = entry.Name;
            names.Add(name);

            // The library: what a strategy or curriculum calls itself, the phase a run logs, the container's key, the figure.
            var curriculum = entry.CreateCurriculum(table);
            if (entry is MaskingStrategyEntry strategy)
            {
                strategy.Create(table).Name.Should().Be(name);
                curriculum.GetPhase(new TrainingState(0, 10, 0)).Name.Should().Be(name);
                provider.GetRequiredKeyedService<IMaskingStrategy>(name).Name.Should().Be(name);
                figure.Should().Contain(name);
                commandLine.Parse(["mask", "--strategy", name]).Errors.Should().BeEmpty(name);
            }
            else
            {
                curriculum.Name.Should().Be(name);
                commandLine.Parse(["mask", "--strategy", name]).Errors.Should().NotBeEmpty("a curriculum masks no batch on its own");
            }

            // The reproduction pipeline: stages, folders, the plan.
            var options = ReproductionOptions.Quick() with { Strategies = [name] };
            new ReproductionPipeline(options).StageNames.Should().Contain([$"pretrain {name}", $"few-shot {name}"]);
            options.PretrainingFolderName(name).Should().Be(name);
            ReproductionPlan.Create(options).Strategies.Should().ContainSingle().Which.Should().Match<PlannedStrategy>(p => p.Strategy == name && p.Folder == name);

            // The comparison: the arm, its stages and folder name.
            ComparisonArms.Parse(name).Name.Should().Be(name);
            comparison.StageNames.Should().Contain([$"pretrain {name}", $"M3 few-shot {name}"]);

            // The command line: every command that takes a strategy takes this name, and its help lists it.
            commandLine.Parse(["pretrain", "--corpus", ".", "--output", "out", "--strategy", name]).Errors.Should().BeEmpty(name);
            commandLine.Parse(["reproduce", "--strategies", name]).Errors.Should().BeEmpty(name);
            commandLine.Parse(["compare", "--arms", name]).Errors.Should().BeEmpty(name);
            help.Should().Contain(name);

            // An alias is read, never written: every consumer turns it into the name.
            foreach (var alias in entry.Aliases)
            {
                MaskingCatalog.Get(alias).Should().BeSameAs(entry);
                ComparisonArms.Parse(alias).Name.Should().Be(name);
                (ReproductionOptions.Quick() with { Strategies = [alias] }).PretrainingFolderName(alias).Should().Be(name);
                new ReproductionPipeline(ReproductionOptions.Quick() with { Strategies = [alias] }).StageNames.Should().Contain($"pretrain {name}");
            }
        }

        // No consumer knows a name the catalogue lacks: the comparison adds only its control and its ablation.
        ComparisonArms.All.Select(a => a.Name).Should().Equal(["none", .. names, "global-by-position"]);
        figure.Should().Equal([.. MaskingCatalog.Strategies.Select(s => s.Name), GlobalPmiMasking.StrategyName]);
        commandLine.Parse(["pretrain", "--corpus", ".", "--output", "out", "--strategy", "random-spam"]).Errors.Should().ContainSingle()
            .Which.Message.Should().Contain("Unknown masking strategy or curriculum 'random-spam'; expected one of " + string.Join(", ", names));
    }
}

using System.Text.Json;
using GeneMask.Reproduction.Comparison;

namespace GeneMask.Reproduction.Tests;

public class ReplicatedComparisonTests
{
    [Test]
    public void Two_replicates_are_pieces_of_their_own_and_the_evidence_covers_them()
    {
        using var folder = new TempFolder();
        var arms = new[] { ComparisonArm.None, ComparisonArm.Of("kmer-span"), ComparisonArm.Of("cm-gems") };
        var options = ComparisonTests.Smaller(arms) with { Replicates = 2, Seeds = 2, FewShotTestRows = 20 };
        var inputs = new ComparisonInputs([TestData.Genome("phage_lambda_NC_001416.fa")], TestData.Root, folder.Path);

        var e = new MaskingComparison(options).Run(inputs).Evidence;

        // One folder per arm and replicate, each with its model, curve, M1/M2 and few-shot runs.
        foreach (var arm in arms)
        {
            foreach (var r in new[] { 0, 1 })
            {
                var dir = Path.Combine(folder.Path, "arms", arm.Name, $"replicate-{r}");
                foreach (var file in new[] { "pretraining.json", "frozen.json", "fewshot.json", "pretraining/model" })
                {
                    Path.Exists(Path.Combine(dir, file)).Should().BeTrue($"{arm.Name} replicate {r} has {file}");
                }
            }
        }

        e.Replicates.Should().Be(2);
        e.Arms.Should().OnlyContain(a => a.Replicates.Count == 2 && a.Replicates.Select(r => r.Replicate).SequenceEqual(new[] { 0, 1 }));

        // Within a replicate every arm starts from the same weights; replicates start from different ones.
        foreach (var r in new[] { 0, 1 })
        {
            e.Arms.Select(a => a.Replicates[r].Curve[0].Loss).Distinct().Should().ContainSingle();
        }

        e.Arms[0].Replicates[0].Curve[0].Loss.Should().NotBe(e.Arms[0].Replicates[1].Curve[0].Loss);

        // Replicate 0 is the unreplicated run's model: the same curve as a run with one replicate would have.
        e.Arms[1].Replicates[0].Gate.Replicate.Should().Be(0);
        e.Arms[1].Gate.Replicate.Should().BeNull();
        e.Arms[1].M3.Mean.Should().BeApproximately(e.Arms[1].Replicates.Average(r => r.M3PerSeed.Average()), 1e-12);

        // The primary family: kmer-span − none, cm-gems − none, cm-gems − kmer-span, on M3, Holm-corrected over the three.
        var primary = e.Comparisons.Where(c => c.Primary).ToList();
        primary.Select(c => $"{c.Arm} − {c.Reference}").Should().BeEquivalentTo("kmer-span − none", "cm-gems − none", "cm-gems − kmer-span");
        primary.Should().OnlyContain(c => c.Metric == "M3" && c.PHolm != null && c.PairedOver == "2 seeds × 2 replicates");
        primary.Should().OnlyContain(c => c.DetectableEffect == ComparisonStatistics.DetectableEffect(c.TCi95, 1, 3));
        e.Comparisons.Where(c => !c.Primary).Should().OnlyContain(c => c.DetectableEffect == null);
        var adjusted = GeneMask.Evaluation.Statistics.Holm.AdjustedPValues([.. primary.Select(c => c.P)]);
        primary.Select(c => c.PHolm!.Value).Should().Equal(adjusted);
        e.Comparisons.Where(c => !c.Primary).Should().OnlyContain(c => c.PHolm == null && !c.Claimed);

        // M1 contrasts exist with replicates (one value per model: intervals over replicates); M2 and M3 pair units.
        e.Comparisons.Count(c => c.Metric == "M1").Should().Be(3 * 3);
        e.Comparisons.Where(c => c.Metric == "M2" && c.Task == "Splice-40").Should().OnlyContain(c => c.Pairs == 30);

        // The tiny models do not learn from context: nothing is claimed, and the summary says why.
        e.Arms.Where(a => a.Name != "none").Should().OnlyContain(a => !a.Gate.Passed && !a.ContextCheck!.Passed);

        // Every arm is checked on each fixed masking, against that masking's context-free loss on [MASK] positions.
        e.Arms.Should().OnlyContain(a => a.Gates.Select(g => g.Masking).SequenceEqual(MaskingComparison.Maskings));
        e.Arms.Should().OnlyContain(a => a.Replicates.All(r => r.Gates.Select(g => g.Masking).SequenceEqual(MaskingComparison.Maskings)));
        foreach (var masking in MaskingComparison.Maskings)
        {
            var gates = e.Arms.Select(a => a.Gates.Single(g => g.Masking == masking));
            gates.Should().OnlyContain(g => g.ContextFreeLoss == e.GateReference.ContextFreeMaskLosses[masking]);
        }

        e.GateReference.ContextFreeMaskLosses["kmer-span"].Should().Be(e.GateReference.ContextFreeMaskLoss);
        e.Comparisons.Should().OnlyContain(c => !c.Claimed);
        ComparisonReport.Summary(e).Should().Contain(l => l.StartsWith("kmer-span did not learn from context", StringComparison.Ordinal));
        e.Arms.Single(a => a.Name == "kmer-span").SupervisedPositionsPerStep.Should().BeGreaterThan(0);
        e.Arms.Single(a => a.Name == "none").SupervisedPositionsPerStep.Should().Be(0);

        // The JSON fields that tools read.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "evidence.json")));
        var root = json.RootElement;
        root.GetProperty("replicates").GetInt32().Should().Be(2);
        var gate = root.GetProperty("arms")[1].GetProperty("replicates")[1].GetProperty("gate");
        foreach (var field in new[] { "passed", "model_loss", "context_free_loss", "copy_baseline_loss", "margin", "gap", "loss" })
        {
            gate.TryGetProperty(field, out _).Should().BeTrue(field);
        }

        gate.GetProperty("margin").GetDouble().Should().Be(1.0);
        foreach (var field in new[] { "context_free_mask_loss", "copy_baseline_loss", "neighbour_oracle_mask_loss" })
        {
            root.GetProperty("gate_reference").TryGetProperty(field, out _).Should().BeTrue(field);
        }

        var comparison = root.GetProperty("comparisons")[0];
        foreach (var field in new[] { "primary", "ci95", "t_ci95", "p", "p_holm", "claimed" })
        {
            comparison.TryGetProperty(field, out _).Should().BeTrue(field);
        }

        root.GetProperty("arms")[1].GetProperty("curve")[0].TryGetProperty("mask_token_loss", out _).Should().BeTrue();
        root.GetProperty("arms")[1].TryGetProperty("supervised_positions_per_step", out _).Should().BeTrue();
        root.GetProperty("arms")[1].TryGetProperty("tokens_seen", out _).Should().BeTrue();
        root.GetProperty("arms")[1].GetProperty("context_check").GetProperty("masking").GetString().Should().BeOneOf(MaskingComparison.Maskings);
        root.GetProperty("arms")[1].GetProperty("gates").GetArrayLength().Should().Be(3);
        root.GetProperty("gate_reference").GetProperty("context_free_mask_losses").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(MaskingComparison.Maskings);

        // A rerun with one replicate reuses replicate 0's pieces as they are.
        var single = new MaskingComparison(options with { Replicates = 1 }).Run(inputs).Evidence;
        single.Arms.Select(a => a.Curve).Should().BeEquivalentTo(e.Arms.Select(a => a.Replicates[0].Curve), o => o.WithStrictOrdering());
        single.Arms.Select(a => a.M3PerSeed).Should().BeEquivalentTo(e.Arms.Select(a => a.Replicates[0].M3PerSeed), o => o.WithStrictOrdering());
        single.Arms.Select(a => a.PretrainingSeconds).Should().Equal(e.Arms.Select(a => a.Replicates[0].PretrainingSeconds));
    }

    [Test]
    public void Replicates_are_validated()
    {
        FluentActions.Invoking(() => new MaskingComparison(MaskingComparisonOptions.Tiny with { Replicates = 0 }))
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*MaskingComparisonOptions.Replicates is 0; expected at least 1.*");
    }
}

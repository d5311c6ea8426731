namespace GeneMask.Pmi.Tests;

public class PmiComputationTests
{
    private static readonly double Ln2 = Math.Log(2);

    [Test]
    public void Dynamic_program_equals_brute_force_over_all_segmentations([Range(2, 8)] int k)
    {
        var counts = Reference.RandomCounts(k, seed: 100 + k);
        var table = PmiTable.Compute(counts, new PmiOptions { K = k, MinCount = 1 });
        var published = PmiTable.Compute(counts, new PmiOptions { K = k, MinCount = 1, Definition = PmiDefinition.GeneMaskPublished });

        // 4^8 k-mers × 127 segmentations is slow by brute force: check a fixed random sample of k-mers for large k.
        var random = new Random(k);
        var codes = k <= 5 ? Enumerable.Range(0, 1 << (2 * k)) : Enumerable.Range(0, 300).Select(_ => random.Next(1 << (2 * k)));
        foreach (var code in codes)
        {
            var w = table.Entry(code).Kmer;
            Reference.Segmentations(w).Count().Should().Be((1 << (k - 1)) - 1);
            var all = Reference.MinimumPmi(counts, w, _ => true);
            table.Pmi[code].Should().BeApproximately(all, 1e-9, w);

            var oneOrTwo = Reference.MinimumPmi(counts, w, parts => parts.All(p => p.Length <= 2), factor: 2);
            published.Pmi[code].Should().BeApproximately(oneOrTwo, 1e-9, w);

            var naive = Reference.LogP(counts, w) - w.Sum(c => Reference.LogP(counts, c.ToString()));
            table.NaivePmi[code].Should().BeApproximately(naive, 1e-9, w);
        }
    }

    [Test]
    public void Hand_worked_short_sequence()
    {
        // ACAC: A 2, C 2 of 4 windows; AC 2, CA 1 of 3 windows.
        // PMI(AC) = ln(2/3) − 2 ln(1/2) = ln(8/3) = 0.980829; PMI(CA) = ln(1/3) − 2 ln(1/2) = ln(4/3) = 0.287682.
        // c = 1: NPMI(AC) = ln(8/3) · ln 2 / (0 + ln 2) = ln(8/3); NPMI(CA) (f = c = 1) = ln(4/3).
        var table = PmiTable.Compute(NgramCounter.Count("ACAC", 2), new PmiOptions { K = 2, MinCount = 1 });

        table.Entry("AC").Should().BeEquivalentTo(new { Count = 2L, Rank = 1 });
        table.Entry("AC").Pmi.Should().BeApproximately(0.980829, 1e-6);
        table.Entry("AC").NaivePmi.Should().BeApproximately(0.980829, 1e-6);
        table.Entry("AC").Npmi.Should().BeApproximately(0.980829, 1e-6);
        table.Entry("CA").Pmi.Should().BeApproximately(0.287682, 1e-6);
        table.Entry("CA").Npmi.Should().BeApproximately(0.287682, 1e-6);
        table.RankOf("CA").Should().Be(2);

        // Unseen 2-mers have no PMI and follow in code order: AA (0), AT (1), AG (3), TA (4), …
        table.Entry("AA").Pmi.Should().BeNull();
        new[] { "AA", "AT", "AG", "TA" }.Select(table.RankOf).Should().Equal(3, 4, 5, 6);
    }

    [Test]
    public void Hand_worked_three_part_minimum_is_not_a_binary_split()
    {
        // Singles uniform (p = 1/4); the pairs AT and TC are rare (1 of 100 windows, p = 0.01), every other pair 7;
        // ATC seen 10 times among 136 trigram windows (the other 63 trigrams twice each).
        var values = new Dictionary<string, long> { ["A"] = 25, ["T"] = 25, ["C"] = 25, ["G"] = 25 };
        foreach (var pair in Reference.AllNgrams(2))
        {
            values[pair] = pair is "AT" or "TC" ? 1 : 7;
        }

        foreach (var triple in Reference.AllNgrams(3))
        {
            values[triple] = triple == "ATC" ? 10 : 2;
        }

        var counts = Reference.FromDictionary(3, values);
        counts.Windows(2).Should().Be(100);
        counts.Windows(3).Should().Be(136);

        // A|T|C: ln(10/136) − 3 ln(1/4) = 1.548813…; A|TC and AT|C: ln(10/136) − ln(1/4) − ln(1/100) = 3.381395….
        var threeParts = Math.Log(10.0 / 136) - (3 * Math.Log(0.25));
        var binary = Math.Log(10.0 / 136) - Math.Log(0.25) - Math.Log(0.01);
        threeParts.Should().BeApproximately(1.548813, 1e-6);
        binary.Should().BeApproximately(3.381395, 1e-6);

        var table = PmiTable.Compute(counts, new PmiOptions { K = 3, MinCount = 5 });
        var atc = table.Entry("ATC");
        atc.Pmi.Should().BeApproximately(threeParts, 1e-12, "the minimum is the three-part segmentation");
        atc.NaivePmi.Should().BeApproximately(threeParts, 1e-12, "for a 3-mer the three-part split is the naive PMI");
        atc.Npmi.Should().BeApproximately(threeParts * Math.Log(10) / (Math.Log(5) + Math.Log(10)), 1e-12);
        table.Entry("AAA").Npmi.Should().BeNull("count 2 is below c = 5");
        atc.Rank.Should().Be(1);
    }

    [Test]
    public void Published_recipe_differs_from_the_paper_in_each_rule()
    {
        // Singles uniform, every pair 6 (p = 1/16 = product of singles), ATC frequent (50 of 113 trigram windows),
        // ATCG 20 of 275 4-gram windows. Paper: the best segmentation of ATCG is ATC|G.
        var values = new Dictionary<string, long>();
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            foreach (var s in Reference.AllNgrams(n))
            {
                values[s] = n switch { 1 => 25, 2 => 6, 3 => s == "ATC" ? 50 : 1, _ => s == "ATCG" ? 20 : 1 };
            }
        }

        var counts = Reference.FromDictionary(4, values);
        counts.Windows(3).Should().Be(113);
        counts.Windows(4).Should().Be(275);
        var code = Kmers.Encode("ATCG", "w");

        // Paper: p = f / windows; min over all 7 segmentations = ATC|G: ln(20/275) − ln(50/113) − ln(1/4) = −0.419240.
        var paperLp = PmiMath.LogProbabilities(counts, 4, 1);
        var paper = Math.Log(20.0 / 275) - Math.Log(50.0 / 113) - Math.Log(0.25);
        paper.Should().BeApproximately(-0.419380, 1e-6);
        PmiMath.AllSegmentations(paperLp, code, 4, new double[5]).Should().BeApproximately(paper, 1e-12);

        // Rule 1, p = f / (2 · windows): every PMI of a segmentation into m parts moves by (m − 1) ln 2; naive by 3 ln 2.
        var publishedLp = PmiMath.LogProbabilities(counts, 4, 2);
        PmiMath.Naive(publishedLp, code, 4).Should().BeApproximately(PmiMath.Naive(paperLp, code, 4) + (3 * Ln2), 1e-12);
        PmiMath.AllSegmentations(publishedLp, code, 4, new double[5]).Should().BeApproximately(paper + Ln2, 1e-12);

        // Rule 2, true.pmi: two-part cuts 1 and 2 only; the paper's binary minimum is the skipped cut 3 (ATC|G).
        // A|TCG: ln(20/550) − ln(25/200) − ln(1/226) = 4.185791; AT|CG: ln(20/550) − 2 ln(6/192) = 3.617286.
        var twoPart = PmiMath.TwoPartCuts(publishedLp, code, 4);
        twoPart.Should().BeApproximately(Math.Log(20.0 / 550) - (2 * Math.Log(6.0 / 192)), 1e-12);
        twoPart.Should().BeApproximately(3.617286, 1e-6);
        var paperBinary = new[] { 1, 2, 3 }.Min(cut => paperLp[4][code] - paperLp[cut][PmiMath.Part(code, 4, 0, cut)] - paperLp[4 - cut][PmiMath.Part(code, 4, cut, 4)]);
        paperBinary.Should().BeApproximately(paper, 1e-12, "the paper's best two-part split is ATC|G");

        // Rule 3, dp.true.pmi: parts of 1 or 2 bases only; AT|CG is best (2 ln(1/32) > 4 ln(1/8) etc.) = 3.617286.
        var oneTwo = PmiMath.OneTwoSegmentations(publishedLp, code, 4, new double[5]);
        oneTwo.Should().BeApproximately(Math.Log(20.0 / 550) - (2 * Math.Log(6.0 / 192)), 1e-12);
        PmiMath.OneTwoSegmentations(paperLp, code, 4, new double[5]).Should().NotBeApproximately(paper, 0.1);

        // The tables carry those values as their ranked PMI.
        var paperTable = PmiTable.Compute(counts, new PmiOptions { K = 4, MinCount = 10 });
        var publishedTable = PmiTable.Compute(counts, new PmiOptions { K = 4, MinCount = 10, Definition = PmiDefinition.GeneMaskPublished });
        paperTable.Pmi[code].Should().BeApproximately(paper, 1e-12);
        publishedTable.Pmi[code].Should().BeApproximately(oneTwo, 1e-12);
        publishedTable.Npmi[code].Should().BeApproximately(oneTwo * Math.Log(20) / (Math.Log(20) + Math.Log(10)), 1e-12);
        publishedTable.Definition.Should().Be(PmiDefinition.GeneMaskPublished);
        paperTable.Definition.Should().Be(PmiDefinition.Paper);
    }

    [Test]
    public void Two_part_cuts_skip_the_last_cut_as_upstream()
    {
        var counts = Reference.RandomCounts(6, seed: 7);
        var lp = PmiMath.LogProbabilities(counts, 6, 2);
        foreach (var code in new[] { 0, 17, 1234, 4095 })
        {
            var w = Kmers.Decode(code, 6);
            var expected = Enumerable.Range(1, 4).Min(cut =>
                Reference.LogP(counts, w, 2) - Reference.LogP(counts, w[..cut], 2) - Reference.LogP(counts, w[cut..], 2));
            PmiMath.TwoPartCuts(lp, code, 6).Should().BeApproximately(expected, 1e-9);
        }
    }

    [Test]
    public void Npmi_normalisation_by_hand()
    {
        // NPMI = PMI · ln f / (ln c + ln f): PMI 2, f = 1000, c = 101 → 2 · 6.907755 / (4.615121 + 6.907755) = 1.198964.
        PmiMath.Normalise(2, 1000, 101).Should().BeApproximately(2 * Math.Log(1000) / (Math.Log(101) + Math.Log(1000)), 1e-15);
        PmiMath.Normalise(2, 1000, 101).Should().BeApproximately(1.198964, 1e-6);
        PmiMath.Normalise(-0.5, 1, 1).Should().Be(-0.5, "for f = c = 1 the factor is its limit 1");
    }

    [Test]
    public void Ranking_is_by_npmi_descending_ties_by_code_and_below_min_count_last()
    {
        // Uniform 1- and 2-gram counts: every seen 2-mer has PMI 0 → equal NPMI → code order. GG, GC unseen/rare.
        var values = new Dictionary<string, long> { ["A"] = 100, ["T"] = 100, ["C"] = 100, ["G"] = 100 };
        foreach (var pair in Reference.AllNgrams(2))
        {
            values[pair] = 50;
        }

        values["GG"] = 3;   // below c
        values["CA"] = 400; // over-represented: highest PMI
        var counts = Reference.FromDictionary(2, values);
        var table = PmiTable.Compute(counts, new PmiOptions { K = 2, MinCount = 10 });

        table.RankOf("CA").Should().Be(1);
        table.RankOf("GG").Should().Be(16, "below the minimum count ranks after every k-mer with an NPMI");
        var middle = Reference.AllNgrams(2).Where(s => s is not "CA" and not "GG").ToList();
        middle.Select(table.RankOf).Should().Equal(Enumerable.Range(2, 14), "equal NPMI → lower code first");
        table.Entry("GG").Npmi.Should().BeNull();
        table.Entry("GG").Pmi.Should().NotBeNull();
        table.Top(3).Select(e => e.Kmer).Should().Equal("CA", middle[0], middle[1]);
    }

    [Test]
    public void Inconsistent_counts_are_reported()
    {
        var values = new Dictionary<string, long> { ["A"] = 10, ["T"] = 10, ["AT"] = 5, ["AC"] = 2 };
        var counts = Reference.FromDictionary(2, values);
        var act = () => PmiTable.Compute(counts, new PmiOptions { K = 2, MinCount = 1 });
        act.Should().Throw<PmiFormatException>().WithMessage("*AC*count 2*");
    }

    [Test]
    public void Invalid_options_are_rejected_with_the_value()
    {
        var counts = Reference.RandomCounts(3, 1);
        ((Action)(() => PmiTable.Compute(counts, new PmiOptions { K = 3, MinCount = 0 })))
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*MinCount = 0*");
        ((Action)(() => PmiTable.Compute(counts, new PmiOptions { K = 1 })))
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*K = 1*");
        ((Action)(() => PmiTable.Compute(counts, new PmiOptions { K = 4 })))
            .Should().Throw<ArgumentException>().WithMessage("*stop at 3*");
        ((Action)(() => PmiTable.Compute(NgramCounts.Empty(3), new PmiOptions { K = 3 })))
            .Should().Throw<PmiFormatException>().WithMessage("*No 3-mer*");
    }
}

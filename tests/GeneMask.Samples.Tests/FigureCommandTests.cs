using GeneMask.Masking;
using GeneMask.Pmi;

namespace GeneMask.Samples.Tests;

public class FigureCommandTests
{
    [Test]
    public void Figure_writes_an_svg_with_one_strip_per_strategy()
    {
        var path = Path.Combine(Path.GetTempPath(), $"genemask-figure-{Guid.NewGuid():N}.svg");
        try
        {
            var run = SampleRun.Start("figure", "--output", path, "--start", "1000000", "--bases", "300");

            run.ExitCode.Should().Be(0, run.Output);
            var svg = File.ReadAllText(path);
            svg.Should().StartWith("<svg").And.Contain("GeneMask").And.Contain("Global PMI").And.Contain("k-mer span").And.EndWith("</svg>\n");

            // 300 bases = 295 6-mers + [CLS]/[SEP]: 297 grey-backed cells per strip, a strip per strategy and the contrast.
            svg.Split("fill=\"#eeeeee\"").Length.Should().Be(MaskingCatalog.Strategies.Count + 2);
            svg.Should().Contain("wide span (random centres)", "a registered strategy is drawn too");
            svg.Should().Contain($"width=\"{297 * 4}\"");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Upstream_rank_by_position_picks_the_same_positions_on_different_DNA_but_rank_by_token_does_not()
    {
        // Two unrelated 200-base stretches of chr2 (A/C/G/T only), one seed: the defect of reference §6.1 made visible.
        var genome = GeneMask.Tests.TestData.Genome("hg38_chr2_1-2333275.fa.gz");
        using var reader = GeneMask.Tokenization.FastaReader.Open(genome);
        var bases = reader.ReadRecords().First().Bases;
        string Stretch(int from) => System.Text.Encoding.ASCII.GetString(bases, from, 200).ToUpperInvariant();
        var a = MaskingFigure.Compute(Stretch(1_000_000), PmiTable.LoadDefault(), seed: 3);
        var b = MaskingFigure.Compute(Stretch(1_500_000), PmiTable.LoadDefault(), seed: 3);

        // Same seed and row length → the same number of picks m; by position, the same picks too.
        MaskingFigureRow ByPosition(IReadOnlyList<MaskingFigureRow> rows) => rows.Single(r => r.Compatibility.RankLookup == RankLookup.ByPosition);
        MaskingFigureRow Global(IReadOnlyList<MaskingFigureRow> rows) => rows.Single(r => r.Strategy == GlobalPmiMasking.StrategyName && r.Compatibility == UpstreamCompatibility.None);
        ByPosition(a).Selected.Should().Equal(ByPosition(b).Selected, "upstream looks up the position index as a token id: the DNA does not matter");
        Global(a).Selected.Should().NotEqual(Global(b).Selected, "ranked by the token at each position, the picks follow the sequence");
        a.Should().OnlyContain(r => !r.Selected[0] && !r.Selected[r.Selected.Count - 1], "[CLS] and [SEP] are never selected");
    }
}

namespace GeneMask.Pmi.Tests;

public class RanksOnlyTableTests
{
    [Test]
    public void A_table_of_ranks_only_saves_and_loads_its_ranks()
    {
        var ranks = Enumerable.Range(1, 16).Reverse().ToArray();
        var table = PmiTable.FromRanks(2, ranks);
        table.HasStatistics.Should().BeFalse();
        ((Action)(() => _ = table.Pmi.Length)).Should().Throw<InvalidOperationException>();
        var path = Path.Combine(Path.GetTempPath(), $"genemask-ranks-{Guid.NewGuid():N}.csv");
        try
        {
            table.Save(path);
            var loaded = PmiTable.Load(path);
            loaded.RanksByTokenId.ToArray().Should().Equal(table.RanksByTokenId.ToArray());
            loaded.Entry("AA").Rank.Should().Be(16);
            loaded.Entry("AA").Count.Should().BeNull();
            loaded.Entry("AA").Npmi.Should().BeNull();
        }
        finally
        {
            File.Delete(path);
        }

        ((Action)(() => PmiTable.FromRanks(2, [.. ranks[..15], 3]))).Should().Throw<ArgumentException>().WithMessage("*permutation*");
    }
}

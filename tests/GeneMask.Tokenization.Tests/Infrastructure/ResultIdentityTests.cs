namespace GeneMask.Infrastructure.Tests;

public class ResultIdentityTests
{
    [Test]
    public void Differences_name_every_part_that_changed_appeared_or_vanished()
    {
        var stored = ResultIdentity.Empty.With("steps", 12).With("lr", 0.001).With("model", "abc");
        var now = ResultIdentity.Empty.With("steps", 13).With("lr", 0.001).With("seed", 42);

        stored.Compare(now).Should().Equal(
            new IdentityDifference("model", "abc", null),
            new IdentityDifference("seed", null, "42"),
            new IdentityDifference("steps", "12", "13"));
        stored.Compare(stored.With("lr", 1e-3)).Should().BeEmpty();
        stored.Should().Be(ResultIdentity.Parse(stored.ToString()));
        stored.ToString().Should().Be("lr=0.001;model=abc;steps=12");
        stored.Hash.Should().HaveLength(32).And.NotBe(now.Hash);
        new IdentityDifference("steps", "12", "13").ToString().Should().Be("steps: 12 there, 13 now");
    }

    [Test]
    public void Values_stay_one_part_and_names_are_checked()
    {
        ResultIdentity.Empty.With("settings", "a=1; b=2").Parts["settings"].Should().Be("a=1, b=2");
        FluentActions.Invoking(() => ResultIdentity.Empty.With("a=b", 1)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ResultIdentity.Empty.With(" ", 1)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void File_hashes_follow_the_content_and_the_boundaries_between_files()
    {
        using var folder = new TempFolder();
        string Write(string name, string text)
        {
            var path = Path.Combine(folder.Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        var a = Write("a.fa", ">x\nACGT\n");
        var b = Write("b.fa", "AC\n");
        var renamed = Write("renamed.fa", ">x\nACGT\n");
        var joined = Write("joined.fa", ">x\nACGT\nAC\n");

        ResultIdentity.HashFiles([a]).Should().Be(ResultIdentity.HashFiles([renamed]), "names do not enter the hash");
        ResultIdentity.HashFiles([a, b]).Should().NotBe(ResultIdentity.HashFiles([joined]));
        ResultIdentity.HashFiles([a, b]).Should().NotBe(ResultIdentity.HashFiles([b, a]));
        FluentActions.Invoking(() => ResultIdentity.HashFiles([Path.Combine(folder.Path, "missing")])).Should().Throw<FileNotFoundException>();
    }

    [Test]
    public void A_mismatch_lists_the_differences_and_says_what_to_do()
    {
        var e = new ResultMismatchException("/out/x.json", "the pretraining of kmer-span", [new IdentityDifference("steps", "12", "13")]);

        e.Message.Should().Be("/out/x.json holds the pretraining of kmer-span of other inputs or settings (steps: 12 there, 13 now). Use another output folder, or delete that file to compute it again.");
        e.Differences.Should().ContainSingle();
        e.Should().BeAssignableTo<IOException>();
    }
}

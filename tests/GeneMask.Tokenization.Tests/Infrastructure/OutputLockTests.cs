namespace GeneMask.Infrastructure.Tests;

public class OutputLockTests
{
    [Test]
    public void A_second_claim_is_refused_until_the_first_is_released()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");

        using (var first = OutputLock.Acquire(output))
        {
            first.Path.Should().Be(Path.Combine(output, OutputLock.FileName));
            var second = () => OutputLock.Acquire(output);
            second.Should().Throw<OutputFolderInUseException>().Which.Message.Should().Contain(output).And.Contain("in use by another running process");
        }

        File.Exists(Path.Combine(output, OutputLock.FileName)).Should().BeFalse("a released lock leaves no file");
        using var third = OutputLock.Acquire(output);
        third.StaleOwnerProcessId.Should().BeNull();
    }

    [Test]
    public void A_stale_lock_is_taken_over_and_litter_of_the_killed_run_removed()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, OutputLock.FileName), "4242\nother-host\n");
        var checkpointTemp = Path.Combine(folder.Path, $".checkpoint.gmck.{Guid.NewGuid():N}.tmp");
        var corpusTemp = Path.Combine(folder.Path, $".corpus-{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(checkpointTemp, new byte[100]);
        Directory.CreateDirectory(corpusTemp);
        File.WriteAllText(Path.Combine(corpusTemp, "train.txt"), "ACGTAC\n");
        var keep = Path.Combine(folder.Path, ".notes.tmp");
        File.WriteAllText(keep, "not ours: no 32-hex id");

        using var claim = OutputLock.Acquire(folder.Path);

        claim.StaleOwnerProcessId.Should().Be(4242);
        claim.RemovedTemporaries.Should().BeEquivalentTo([checkpointTemp, corpusTemp]);
        File.Exists(checkpointTemp).Should().BeFalse();
        Directory.Exists(corpusTemp).Should().BeFalse();
        File.Exists(keep).Should().BeTrue();
    }

    [Test]
    public void Litter_in_subfolders_is_removed_but_not_in_claimed_folders_files_being_written_or_behind_links()
    {
        using var folder = new TempFolder();
        string Temp(params string[] parts)
        {
            var path = Path.Combine([folder.Path, .. parts[..^1], $".{parts[^1]}.{Guid.NewGuid():N}.tmp"]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new byte[10]);
            return path;
        }

        var inModel = Temp("model", "model.safetensors");
        var deep = Temp("arms", "genemask", "m1.json");
        var stale = Temp("stale", "x.json");
        File.WriteAllText(Path.Combine(folder.Path, "stale", OutputLock.FileName), "4242\n");
        using var other = OutputLock.Acquire(Path.Combine(folder.Path, "busy"));
        var claimedByOther = Temp("busy", "checkpoint.gmck");
        var beingWritten = Temp("arms", "kmer-span", "m2.json");
        var outside = new TempFolder();
        var behindLink = Path.Combine(outside.Path, $".y.json.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(behindLink, new byte[1]);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "link"), outside.Path);

        using (new FileStream(beingWritten, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            OutputLock.RemoveTemporaries(folder.Path).Should().BeEquivalentTo([inModel, deep, stale]);
        }

        File.Exists(claimedByOther).Should().BeTrue("a running claim cleans its own folder");
        File.Exists(beingWritten).Should().BeTrue("its writer renames it when done");
        File.Exists(behindLink).Should().BeTrue("links are not followed");
        OutputLock.RemoveTemporaries(folder.Path).Should().Equal([beingWritten], "once closed it is litter");
        outside.Dispose();
    }
}

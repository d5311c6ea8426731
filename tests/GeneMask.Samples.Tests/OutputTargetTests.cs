namespace GeneMask.Samples.Tests;

/// <summary>Outputs that are not regular files: a link is written through, a device or FIFO written to, never replaced.</summary>
public class OutputTargetTests
{
    [Test]
    public void Figure_into_a_symbolic_link_writes_the_target_and_keeps_the_link()
    {
        using var folder = new TempFolder();
        var target = folder.Write("figure.svg", "old\n");
        var link = Path.Combine(folder.Path, "link.svg");
        File.CreateSymbolicLink(link, "figure.svg");

        var run = SampleRun.Start("figure", "--output", link, "--start", "1000000", "--bases", "60");

        run.ExitCode.Should().Be(0, run.Output);
        new FileInfo(link).LinkTarget.Should().Be("figure.svg");
        File.ReadAllText(target).Should().StartWith("<svg").And.EndWith("</svg>\n");
        Directory.GetFileSystemEntries(folder.Path).Should().BeEquivalentTo([target, link]);
    }

    [Test]
    [Platform("Linux")]
    public void Mask_dump_into_dev_null_leaves_dev_null_a_device()
    {
        var run = SampleRun.Start("mask", "--rows", "20", "--seed", "1", "--dump", "/dev/null");

        run.ExitCode.Should().Be(0, run.Output);
        UnixFiles.TypeOf("/dev/null").Should().Be("character special file");
    }

    [Test]
    [Platform("Linux")]
    public void Mask_dump_into_a_fifo_streams_the_rows_to_its_reader()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "rows.fifo");
        UnixFiles.MakeFifo(fifo);
        var reader = Task.Factory.StartNew(() => File.ReadAllLines(fifo), TaskCreationOptions.LongRunning);

        var run = SampleRun.Start("mask", "--rows", "20", "--seed", "1", "--dump", fifo);

        run.ExitCode.Should().Be(0, run.Output);
        reader.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the reader gets the rows and the end of the stream");
        reader.Result.Should().HaveCount(20).And.OnlyContain(line => line.StartsWith("{\"original_ids\":", StringComparison.Ordinal));
        UnixFiles.TypeOf(fifo).Should().Be("fifo");
    }
}

using System.IO.Pipes;
using System.Net.Sockets;
using System.Text;

namespace GeneMask.Infrastructure.Tests;

public class AtomicFileTests
{
    [Test]
    public void A_regular_file_is_replaced_whole_and_no_temporary_file_is_left()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "out.txt");
        File.WriteAllText(path, "an older, longer content\n");

        AtomicFile.WriteAllText(path, "new\n");

        File.ReadAllText(path).Should().Be("new\n");
        Directory.GetFileSystemEntries(folder.Path).Should().Equal([path]);
    }

    [Test]
    public void A_failed_write_keeps_the_previous_file_and_removes_the_temporary_one()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "out.txt");
        File.WriteAllText(path, "previous\n");

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("the writer failed");
        });

        act.Should().Throw<InvalidOperationException>();
        File.ReadAllText(path).Should().Be("previous\n");
        Directory.GetFileSystemEntries(folder.Path).Should().Equal([path]);
    }

    [Test]
    public void Writing_a_file_removes_the_temporaries_a_killed_writer_of_that_file_left()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "table.csv");
        string Temp(string name)
        {
            var path = Path.Combine(folder.Path, $".{name}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(path, new byte[10]);
            return path;
        }

        var stale = Temp("table.csv");
        var inUse = Temp("table.csv");
        var otherFile = Temp("table.csv.bak");

        using (new FileStream(inUse, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            AtomicFile.WriteAllText(target, "kmer,rank\n");
        }

        File.ReadAllText(target).Should().Be("kmer,rank\n");
        File.Exists(stale).Should().BeFalse();
        File.Exists(inUse).Should().BeTrue("another writer of the same file is still at work");
        File.Exists(otherFile).Should().BeTrue("it belongs to another file");
    }

    [Test]
    public void A_symbolic_link_is_written_through_and_its_target_replaced_in_the_targets_own_folder()
    {
        using var folder = new TempFolder();
        var links = Directory.CreateDirectory(Path.Combine(folder.Path, "links")).FullName;
        var targets = Directory.CreateDirectory(Path.Combine(folder.Path, "targets")).FullName;
        var target = Path.Combine(targets, "figure.svg");
        File.WriteAllText(target, "old\n");
        var link = Path.Combine(links, "link.svg");
        File.CreateSymbolicLink(link, "../targets/figure.svg");

        AtomicFile.WriteAllText(link, "<svg/>\n");

        new FileInfo(link).LinkTarget.Should().Be("../targets/figure.svg", "the link stays a link to the same target");
        File.ReadAllText(target).Should().Be("<svg/>\n");
        Directory.GetFileSystemEntries(links).Should().Equal([link], "nothing is written beside the link");
        Directory.GetFileSystemEntries(targets).Should().Equal([target], "the temporary file was renamed over the target");
    }

    [Test]
    public void A_chain_of_links_ending_nowhere_creates_the_final_target()
    {
        using var folder = new TempFolder();
        var first = Path.Combine(folder.Path, "first.txt");
        var second = Path.Combine(folder.Path, "second.txt");
        var target = Path.Combine(folder.Path, "target.txt");
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, "target.txt");

        AtomicFile.WriteAllText(first, "through two links\n");

        File.ReadAllText(target).Should().Be("through two links\n");
        new FileInfo(first).LinkTarget.Should().Be(second);
        new FileInfo(second).LinkTarget.Should().Be("target.txt");
    }

    [Test]
    public void A_loop_of_links_is_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        var a = Path.Combine(folder.Path, "a.txt");
        var b = Path.Combine(folder.Path, "b.txt");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        var called = false;

        var act = () => AtomicFile.Write(a, _ => called = true);

        act.Should().Throw<IOException>().WithMessage($"{a}: more than 40 symbolic links*");
        called.Should().BeFalse();
        Directory.GetFileSystemEntries(folder.Path).Should().BeEquivalentTo([a, b]);
    }

    [Test]
    public void A_folder_is_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        var called = false;

        var act = () => AtomicFile.Write(folder.Path, _ => called = true);

        act.Should().Throw<IOException>().WithMessage($"{folder.Path} is a folder; expected a file to write.");
        called.Should().BeFalse();
        Directory.GetFileSystemEntries(folder.Path).Should().BeEmpty();
    }

    [Test]
    [Platform("Linux")]
    public void A_socket_is_refused_before_anything_is_written_and_stays_a_socket()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "listening.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        var called = false;

        var act = () => AtomicFile.Write(path, _ => called = true);

        act.Should().Throw<IOException>();
        called.Should().BeFalse();
        UnixFiles.TypeOf(path).Should().Be("socket");
        Directory.GetFileSystemEntries(folder.Path).Should().Equal([path]);
    }

    [Test]
    [Platform("Linux")]
    public void Dev_null_is_written_to_and_stays_a_character_device()
    {
        AtomicFile.WriteAllText("/dev/null", "discarded\n");

        UnixFiles.TypeOf("/dev/null").Should().Be("character special file");
        File.ReadAllText("/dev/null").Should().BeEmpty();
    }

    [Test]
    [Platform("Linux")]
    public void A_fifo_is_written_to_directly_and_stays_a_fifo()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "out.fifo");
        UnixFiles.MakeFifo(fifo);
        var reader = Task.Factory.StartNew(() => File.ReadAllText(fifo), TaskCreationOptions.LongRunning);

        AtomicFile.WriteAllText(fifo, "through the pipe\n");

        reader.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the reader gets the content and the end of the stream");
        reader.Result.Should().Be("through the pipe\n");
        UnixFiles.TypeOf(fifo).Should().Be("fifo");
        Directory.GetFileSystemEntries(folder.Path).Should().Equal([fifo]);
    }

    [Test]
    [Platform("Linux")]
    public void A_link_to_an_open_descriptor_like_dev_stdout_is_written_to()
    {
        // /dev/stdout is a link to /proc/self/fd/1; here the descriptor is the write end of a pipe this test reads.
        using var folder = new TempFolder();
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var descriptor = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        var link = Path.Combine(folder.Path, "stdout.svg");
        File.CreateSymbolicLink(link, descriptor);
        var reader = Task.Factory.StartNew(
            () =>
            {
                var buffer = new byte[64];
                var read = 0;
                while (read < 14 && pipe.Read(buffer, read, buffer.Length - read) is > 0 and var n)
                {
                    read += n;
                }

                return Encoding.UTF8.GetString(buffer, 0, read);
            },
            TaskCreationOptions.LongRunning);

        try
        {
            AtomicFile.WriteAllText(link, "to the reader\n");
        }
        finally
        {
            // Closing this process's write end lets the reader see the end of the pipe whatever happened.
            pipe.DisposeLocalCopyOfClientHandle();
        }

        reader.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
        reader.Result.Should().Be("to the reader\n");
        new FileInfo(link).LinkTarget.Should().Be(descriptor);
        Directory.GetFileSystemEntries(folder.Path).Should().Equal([link]);
    }
}

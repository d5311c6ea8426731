using System.Diagnostics;
using System.Text;

namespace GeneMask.Samples.Tests;

/// <summary>
/// The Logo app run as a process of its own, for what one process cannot show about itself: a kill at a chosen
/// moment, a signal, a lock held by another process. Disposing kills it if it still runs.
/// </summary>
public sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private SampleProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the app reads from standard input (<c>-</c>).</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>Starts the app with <paramref name="args"/>; standard input is a pipe the test writes to.</summary>
    public static SampleProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "GeneMask.Samples.Logo"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";

        // One torch thread, as in the test process: weights differ in their last bits with the thread count.
        info.Environment["OMP_NUM_THREADS"] = "1";
        return new SampleProcess(Process.Start(info) ?? throw new InvalidOperationException("The app did not start."));
    }

    /// <summary>Sends a signal by name (<c>INT</c> as Ctrl+C does, <c>TERM</c>), through <c>kill</c>.</summary>
    public void Signal(string name)
    {
        if (name == "INT" && InterruptIgnored())
        {
            // A shell without job control starts background commands with SIGINT ignored, and the app inherits that:
            // Ctrl+C cannot reach it, so the case cannot be tried here (it runs wherever the tests run in the foreground).
            Assert.Ignore("SIGINT is ignored in this process tree (started in the background by a non-interactive shell), so the app cannot receive Ctrl+C.");
        }

        using var kill = Process.Start("kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Whether this process ignores SIGINT (bit 0x2 of <c>SigIgn</c> in <c>/proc/self/status</c>), which its children inherit.</summary>
    private static bool InterruptIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    /// <summary>Kills the process at once (SIGKILL): nothing of it runs any more, no handler, no cleanup.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits for the end and returns what the app printed and its exit code.</summary>
    public SampleRun WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"The app did not end within {timeout}: {_output}{_error}");
        }

        _process.WaitForExit(); // Flushes the asynchronous readers.
        lock (_output)
        {
            return new SampleRun(_process.ExitCode, _output.ToString() + _error, _error.ToString());
        }
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            target.Append(line).Append('\n');
        }
    }
}

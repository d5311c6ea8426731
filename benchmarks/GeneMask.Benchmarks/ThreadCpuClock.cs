using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GeneMask.Benchmarks;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; elsewhere wall time). With one torch
/// thread LibTorch computes on the calling thread, so this is the step's compute time, and unlike wall time it does
/// not count the time slices other processes take on a shared machine (their cache and memory traffic still count).
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsThreadCpuTime { get; } = OperatingSystem.IsLinux();

    /// <summary>Milliseconds of the calling thread's CPU time (wall time where that is not available).</summary>
    public static double Now()
    {
        if (IsThreadCpuTime && clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
        }

        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace GeneMask.Reproduction.Comparison;

/// <summary>The machine a run finished on, as far as the system tells (informative only).</summary>
internal static class MachineDescription
{
    public static MachineInfo Current()
    {
        string? cpu = null;
        double? load = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            }

            if (File.Exists("/proc/loadavg"))
            {
                load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // The machine description is informative only.
        }

        return new MachineInfo
        {
            Os = RuntimeInformation.OSDescription,
            Cores = Environment.ProcessorCount,
            Cpu = cpu,
            Runtime = RuntimeInformation.FrameworkDescription,
            TorchThreads = TorchSharp.torch.get_num_threads(),
            LoadAverage = load,
        };
    }
}

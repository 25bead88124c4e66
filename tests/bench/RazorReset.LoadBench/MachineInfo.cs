using System.Globalization;
using System.Runtime.InteropServices;

namespace RazorReset.LoadBench;

public static class MachineInfo
{
    /// <summary>"2 × AMD EPYC …, 24 GiB, Debian GNU/Linux 12, .NET 10.0.12" — what the README's table ran on.</summary>
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memoryKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var memoryGiB = Math.Round(long.Parse(memoryKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0);
        return $"{Environment.ProcessorCount} × {cpu}, {memoryGiB:F0} GiB, {os ?? RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}

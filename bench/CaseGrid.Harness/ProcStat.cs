using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>What /proc says about a process: resident memory and CPU time used so far.</summary>
internal static class ProcStat
{
    /// <summary>Resident set size in bytes (VmRSS), or 0 when the process is gone.</summary>
    public static long Rss(int pid) => StatusField(pid, "VmRSS:");

    /// <summary>Peak resident set size in bytes (VmHWM), or 0 when the process is gone.</summary>
    public static long PeakRss(int pid) => StatusField(pid, "VmHWM:");

    /// <summary>User + system CPU time so far, in seconds (utime and stime of /proc/&lt;pid&gt;/stat).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        // The command name (field 2) may hold spaces; everything after its closing parenthesis is space-separated,
        // starting at field 3 (state), so utime (14) and stime (15) are the 12th and 13th there.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (double)ticks / Native.TicksPerSecond;
    }

    /// <summary>The parent pid of a process, or 0.</summary>
    public static int Parent(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat is null ? 0 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Every live pid whose parent is <paramref name="pid"/>.</summary>
    public static IEnumerable<int> Children(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => n is { Length: > 0 } && n.All(char.IsAsciiDigit))
            .Select(n => int.Parse(n!, CultureInfo.InvariantCulture))
            .Where(p => Parent(p) == pid)
            .ToList();

    /// <summary>The 1-minute load average of the machine (all users), from /proc/loadavg.</summary>
    public static double LoadAverage() =>
        double.Parse((Read("/proc/loadavg") ?? "0").Split(' ')[0], CultureInfo.InvariantCulture);

    private static long StatusField(int pid, string name)
    {
        var status = Read($"/proc/{pid}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Runtime.InteropServices;

namespace CaseGrid.Harness;

/// <summary>The few libc calls the harness needs: signals to other processes and the clock tick of /proc.</summary>
internal static partial class Native
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;
    private const int ScClkTck = 2;

    private static readonly long ClockTicks = Math.Max(1, SysConf(ScClkTck));

    /// <summary>Clock ticks per second, the unit of the CPU times in /proc/&lt;pid&gt;/stat.</summary>
    public static long TicksPerSecond => ClockTicks;

    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}

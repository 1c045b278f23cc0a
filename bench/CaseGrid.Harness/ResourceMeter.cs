using System.Diagnostics;

namespace CaseGrid.Harness;

/// <summary>
/// CPU and memory of the processes a scenario runs, over a measured window: CPU-seconds per wall second from
/// /proc/&lt;pid&gt;/stat, resident memory from /proc/&lt;pid&gt;/status at the end of the window.
/// </summary>
internal sealed class ResourceMeter
{
    private readonly List<(string Name, Func<IReadOnlyList<int>> Pids, bool Memory)> _targets = [];
    private Dictionary<string, double> _cpuAtStart = [];
    private long _startedAt;
    private double _loadAtStart;

    /// <summary>Measure one process (CPU and RSS).</summary>
    public ResourceMeter Add(string name, Func<int> pid)
    {
        _targets.Add((name, () => [pid()], true));
        return this;
    }

    /// <summary>Measure a group of processes by their summed CPU only (PostgreSQL's backends share memory, so their RSS does not add up).</summary>
    public ResourceMeter AddCpuOnly(string name, Func<IReadOnlyList<int>> pids)
    {
        _targets.Add((name, pids, false));
        return this;
    }

    public void Start()
    {
        _cpuAtStart = _targets.ToDictionary(t => t.Name, t => t.Pids().Sum(ProcStat.CpuSeconds));
        _startedAt = Stopwatch.GetTimestamp();
        _loadAtStart = ProcStat.LoadAverage();
    }

    public ResourceUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var use = _targets.Select(t => new ProcessUse(
                t.Name,
                (t.Pids().Sum(ProcStat.CpuSeconds) - _cpuAtStart[t.Name]) / wall,
                t.Memory ? t.Pids().Sum(ProcStat.Rss) : null))
            .ToList();
        return new ResourceUse(use, Math.Max(_loadAtStart, ProcStat.LoadAverage()));
    }
}

namespace CaseGrid.Harness;

/// <summary>Every measured process over a window, and the machine's load average (all users) seen during it.</summary>
internal sealed record ResourceUse(IReadOnlyList<ProcessUse> Processes, double MachineLoad)
{
    public string Describe() =>
        string.Join(", ", Processes.Select(p => $"{p.Name} {p.Cores:F2} cores" + (p.RssBytes is { } rss ? $" {rss / 1048576.0:F0} MiB" : ""))) +
        $"; machine load {MachineLoad:F1}";
}

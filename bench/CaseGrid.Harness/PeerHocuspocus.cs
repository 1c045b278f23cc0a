namespace CaseGrid.Harness;

/// <summary>The peer: Hocuspocus with SQLite persistence, loaded by a Node driver of Hocuspocus providers.</summary>
internal sealed class PeerHocuspocus(HarnessOptions options, Report report)
{
    public Task RunAsync(IReadOnlyList<(string Key, string Label, FanoutPlan Plan)> scenarios)
    {
        _ = options;
        _ = report;
        _ = scenarios;
        return Task.CompletedTask;
    }
}

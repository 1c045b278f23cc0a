namespace CaseGrid.Harness;

/// <summary>How one fan-out scenario loads a system.</summary>
/// <param name="Groups">Groups (cases, documents, hub groups).</param>
/// <param name="Members">Connected members per group.</param>
/// <param name="Editors">How many members of each group edit (the first ones).</param>
/// <param name="Rate">Edits per second over all groups, sent at a steady pace whatever the answers.</param>
/// <param name="Heartbeat">How often each member reports presence, if at all.</param>
/// <param name="RetryFor">How long an editor keeps retrying an edit that failed (0: not at all).</param>
/// <param name="Writers">0: edits at <paramref name="Rate"/> whatever the answers; above 0: that many edits in flight, each
/// followed by the next as soon as it is acknowledged (a closed loop, for the highest sustained rate).</param>
internal sealed record FanoutPlan(int Groups, int Members, int Editors, double Rate, TimeSpan? Heartbeat, TimeSpan RetryFor, int Writers = 0)
{
    public int Connections => Groups * Members;
}

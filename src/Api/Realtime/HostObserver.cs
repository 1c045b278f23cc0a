using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using Microsoft.AspNetCore.SignalR;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// This host's one observer: what the grains push, it hands to the local SignalR groups. A member whose membership
/// has ended, or staff who left a unit, are taken out of the group before anything else is sent.
/// </summary>
public sealed class HostObserver(IHubContext<CaseHub, ICaseClient> hub, ConnectionRegistry connections, LiveHeads liveHeads, TimeProvider clock) : ICaseGridHostObserver
{
    /// <inheritdoc />
    public async Task OnCaseEventsAsync(string caseId, CaseBroadcast broadcast)
    {
        var group = ConnectionRegistry.CaseGroup(caseId);
        var today = NorwegianTime.DateOf(clock.GetUtcNow());
        foreach (var ended in broadcast.Full.Select(e => e.Event).OfType<MembershipEnded>().Where(e => e.Until <= today))
        {
            await EndAccessAsync(group, ended.UserId, "case", caseId, "membership-ended");
        }

        // Nothing withheld from anyone: one send to the group.
        if (broadcast.Uniform)
        {
            await hub.Clients.Group(group).CaseEvents(caseId, broadcast.Full);
            liveHeads.Pushed(group, broadcast.Full[^1].Version);
            return;
        }

        // Otherwise each connection gets the version its user may read, decided on the case as of these events, so an
        // approval, a revocation or a withdrawn consent applies from this push on. Users no longer members get nothing.
        foreach (var readers in connections.Watchers(group)
                     .Where(w => broadcast.Readers.ContainsKey(w.UserId))
                     .GroupBy(w => broadcast.Readers[w.UserId], w => w.ConnectionId))
        {
            await hub.Clients.Clients([.. readers]).CaseEvents(caseId, broadcast.For(readers.Key));
        }

        liveHeads.Pushed(group, broadcast.Full[^1].Version);
    }

    /// <inheritdoc />
    public Task OnPresenceAsync(string caseId, CasePresence presence) =>
        hub.Clients.Group(ConnectionRegistry.CaseGroup(caseId)).Presence(caseId, presence);

    /// <inheritdoc />
    public async Task OnBoardAsync(string unitId, UnitCaseUpdate update, long boardVersion)
    {
        var group = ConnectionRegistry.BoardGroup(unitId);
        await hub.Clients.Group(group).BoardChanged(unitId, new BoardChange(update.CaseId, update.CaseVersion, update.Entry, boardVersion));
        liveHeads.Pushed(group, boardVersion);
    }

    /// <inheritdoc />
    public async Task OnWorkAsync(string userId, Contracts.Work.WorkList list)
    {
        var group = ConnectionRegistry.WorkGroup(userId);
        await hub.Clients.Group(group).WorkChanged(list);
        liveHeads.Pushed(group, list.Version);
    }

    /// <inheritdoc />
    public Task OnStaffRemovedAsync(string unitId, string userId) =>
        EndAccessAsync(ConnectionRegistry.BoardGroup(unitId), userId, "board", unitId, "staff-removed");

    /// <inheritdoc />
    public Task OnGoneAsync(LiveGroup group)
    {
        liveHeads.Gone(group.ToString());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnHeartbeatAsync(ImmutableArray<WatchedHead> heads)
    {
        liveHeads.Heard(heads);
        return Task.CompletedTask;
    }

    private async Task EndAccessAsync(string group, string userId, string scope, string id, string reason)
    {
        foreach (var connectionId in connections.ConnectionsOf(group, userId))
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, group);
            connections.Remove(group, connectionId);
            await hub.Clients.Client(connectionId).AccessEnded(scope, id, reason);
        }
    }
}

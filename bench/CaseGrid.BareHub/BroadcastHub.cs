using Microsoft.AspNetCore.SignalR;

namespace CaseGrid.BareHub;

/// <summary>Join a group; an edit is sent to the whole group and then acknowledged with a per-process sequence number.</summary>
public sealed class BroadcastHub : Hub<IBroadcastClient>
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/broadcast";

    private static long _sequence;

    /// <summary>Receive the group's edits from now on.</summary>
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    /// <summary>Tell the group this connection is here (the bare counterpart of a presence heartbeat).</summary>
    public Task Presence(string group) => Clients.Group(group).Presence(Context.ConnectionId);

    /// <summary>Send an edit to every member of the group (the sender too), then acknowledge it.</summary>
    public async Task<long> Edit(string group, string editId, string payload)
    {
        await Clients.Group(group).Edit(editId, payload);
        return Interlocked.Increment(ref _sequence);
    }
}

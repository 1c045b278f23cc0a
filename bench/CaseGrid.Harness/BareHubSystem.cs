using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CaseGrid.Harness;

/// <summary>The bare SignalR hub (bench/CaseGrid.BareHub), driven like CaseGrid: same client library, same transport, same payload size.</summary>
internal sealed class BareHubSystem(string url) : ILiveSystem
{
    // About the size of one CaseGrid event record as the hub sends it (a goal added), so both carry the same bytes.
    private static readonly string Payload = new('x', 320);
    private int _setups;

    public string Name => "bare SignalR hub";

    public Task<IReadOnlyList<string>> PrepareAsync(int groups, int members)
    {
        var setup = Interlocked.Increment(ref _setups);
        return Task.FromResult<IReadOnlyList<string>>([.. Enumerable.Range(0, groups).Select(g => $"s{setup}-g{g}")]);
    }

    public async Task<ILiveMember> ConnectAsync(string groupId, int group, int member, EditRecorder recorder)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl($"{url}/hubs/broadcast", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        hub.On<string, string>("Edit", (editId, _) => recorder.Delivered(editId, member, Stopwatch.GetTimestamp()));
        hub.On<string>("Presence", _ => { });
        hub.Closed += error =>
        {
            recorder.Error($"connection lost: {error?.GetType().Name ?? "closed"}");
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync("Join", groupId);
        return new Member(hub, groupId);
    }

    public void Tick()
    {
    }

    private sealed class Member(HubConnection hub, string group) : ILiveMember
    {
        public async Task<string?> EditAsync(EditRecorder.Edit edit, CancellationToken cancellationToken)
        {
            var sequence = await hub.InvokeAsync<long>("Edit", group, edit.Id, Payload, cancellationToken);
            EditRecorder.Acknowledged(edit, group, sequence);
            return null;
        }

        public Task HeartbeatAsync() => hub.InvokeAsync("Presence", group);

        public ValueTask DisposeAsync() => hub.DisposeAsync();
    }
}

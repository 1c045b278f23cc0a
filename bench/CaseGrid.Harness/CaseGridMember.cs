using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CaseGrid.Harness;

/// <summary>
/// A member of a case on CaseGrid's live hub, following docs/realtime.md as any client must: join from its last
/// version, apply events in version order exactly once, fetch again on a gap that does not fill within a second,
/// and after losing the connection reconnect (to the next API host) and join again from its last version.
/// </summary>
internal sealed class CaseGridMember : ILiveMember
{
    public static readonly TimeSpan GapWait = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string[] _urls;
    private readonly string _token;
    private readonly Action<string, long> _onEdit;
    private readonly Action<string> _onError;
    private readonly object _gate = new();
    private readonly SortedDictionary<long, (JsonElement Event, long At)> _buffer = [];
    private HubConnection? _hub;
    private int _url;
    private long _gapSince;
    private int _rejoining;
    private bool _disposed;

    public CaseGridMember(string[] urls, int firstUrl, string token, string caseId, Action<string, long> onEdit, Action<string> onError)
    {
        _urls = urls;
        _url = firstUrl % urls.Length;
        _token = token;
        CaseId = caseId;
        _onEdit = onEdit;
        _onError = onError;
    }

    public string CaseId { get; }

    /// <summary>The highest version applied: every version up to it is here, once.</summary>
    public long LastVersion { get; private set; }

    /// <summary>When the last version was applied (a <see cref="Stopwatch"/> stamp).</summary>
    public long LastAppliedAt { get; private set; }

    public int Reconnects { get; private set; }

    public int PresencePushes { get; private set; }

    public bool Connected => _hub?.State == HubConnectionState.Connected;

    public async Task ConnectAsync()
    {
        var hub = Build(_urls[_url]);
        await hub.StartAsync();
        _hub = hub;
        await JoinAsync(hub);
    }

    public async Task<string?> EditAsync(EditRecorder.Edit edit, CancellationToken cancellationToken)
    {
        var hub = _hub ?? throw new InvalidOperationException("not connected");
        var body = JsonSerializer.SerializeToElement(new { code = "housing", text = edit.Id }, Json);

        // The edit's id is its command id, the same on every attempt: an edit asked again after an unknown outcome (a
        // timeout, a connection closed under it) is answered from the case's memory of it, never applied twice.
        var outcome = await hub.InvokeAsync<JsonElement>("Execute", CaseId, "AddGoal", body, edit.Id, cancellationToken);
        if (outcome.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return error.TryGetProperty("code", out var code) ? code.GetString() : "refused";
        }

        EditRecorder.Acknowledged(edit, CaseId, outcome.GetProperty("version").GetInt64());
        return null;
    }

    public Task HeartbeatAsync() =>
        _hub is { State: HubConnectionState.Connected } hub ? hub.InvokeAsync("UpdatePresence", CaseId, "InRoom", (string?)null) : Task.CompletedTask;

    /// <summary>Rule 3: a gap that has not filled within <see cref="GapWait"/> is fetched by joining again.</summary>
    public void CheckGap()
    {
        long since;
        lock (_gate)
        {
            since = _gapSince;
        }

        if (since != 0 && Stopwatch.GetElapsedTime(since) > GapWait && _hub is { State: HubConnectionState.Connected } hub)
        {
            _ = RejoinAsync(hub);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_hub is { } hub)
        {
            await hub.DisposeAsync();
        }
    }

    private HubConnection Build(string url)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl($"{url}/hubs/case", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(_token);
            })
            .Build();
        hub.On<string, JsonElement[]>("CaseEvents", (_, events) => Receive(events, Stopwatch.GetTimestamp()));
        hub.On<string, JsonElement>("Presence", (_, _) => PresencePushes++);
        hub.On<string, string, string>("AccessEnded", (_, _, reason) => _onError($"access ended: {reason}"));
        hub.Closed += error =>
        {
            if (!_disposed)
            {
                _onError($"connection lost: {error?.GetType().Name ?? "closed"}");
                _ = ReconnectAsync(hub);
            }

            return Task.CompletedTask;
        };
        return hub;
    }

    private async Task JoinAsync(HubConnection hub)
    {
        while (true)
        {
            var joined = await hub.InvokeAsync<JsonElement>("JoinCase", CaseId, LastVersion);
            var events = joined.GetProperty("events").EnumerateArray().ToArray();
            Receive(events, Stopwatch.GetTimestamp());
            if (joined.GetProperty("complete").GetBoolean() || events.Length == 0)
            {
                return;
            }
        }
    }

    private async Task RejoinAsync(HubConnection hub)
    {
        if (Interlocked.Exchange(ref _rejoining, 1) == 1)
        {
            return;
        }

        try
        {
            _onError("gap: joined again");
            await JoinAsync(hub);
        }
        catch (Exception e)
        {
            _onError($"rejoin: {e.GetType().Name}");
        }
        finally
        {
            Volatile.Write(ref _rejoining, 0);
        }
    }

    /// <summary>Rule 4: a new connection (to the next host, if there are several), and a join from the last version.</summary>
    private async Task ReconnectAsync(HubConnection lost)
    {
        _ = lost.DisposeAsync().AsTask();
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_disposed)
        {
            _url = (_url + 1) % _urls.Length;
            var hub = Build(_urls[_url]);
            try
            {
                await hub.StartAsync();
                _hub = hub;
                await JoinAsync(hub);
                Reconnects++;
                return;
            }
            catch (Exception e)
            {
                _onError($"reconnect: {e.GetType().Name}");
                _ = hub.DisposeAsync().AsTask();
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    // Rule 2: buffer by version, apply the next one whenever it is there, drop what is already applied.
    private void Receive(IEnumerable<JsonElement> events, long at)
    {
        List<(string, long)>? applied = null;
        lock (_gate)
        {
            foreach (var e in events)
            {
                var version = e.GetProperty("version").GetInt64();
                if (version > LastVersion && !_buffer.ContainsKey(version))
                {
                    _buffer[version] = (e.Clone(), at);
                }
            }

            while (_buffer.Remove(LastVersion + 1, out var next))
            {
                LastVersion++;
                LastAppliedAt = at;
                if (next.Event.GetProperty("event").TryGetProperty("text", out var text) && text.GetString() is { } id)
                {
                    (applied ??= []).Add((id, next.At));
                }
            }

            _gapSince = _buffer.Count == 0 ? 0 : _gapSince == 0 ? at : _gapSince;
        }

        foreach (var (id, arrived) in applied ?? [])
        {
            _onEdit(id, arrived);
        }
    }
}

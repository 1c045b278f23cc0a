using System.Diagnostics;

namespace CaseGrid.Harness;

/// <summary>
/// The same driver for every system: connect every member, keep a steady total edit rate spread over the groups'
/// editors, heartbeat presence, and record every acknowledgement and every arrival. Connected until disposed.
/// </summary>
internal sealed class FanoutRun : IAsyncDisposable
{
    private readonly ILiveSystem _system;
    private readonly ILiveMember[][] _members;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _sent;

    private FanoutRun(ILiveSystem system, FanoutPlan plan, EditRecorder recorder, ILiveMember[][] members)
    {
        _system = system;
        Plan = plan;
        Recorder = recorder;
        _members = members;
    }

    public FanoutPlan Plan { get; }

    public EditRecorder Recorder { get; }

    public TimeSpan ConnectTime { get; private set; }

    public static async Task<FanoutRun> ConnectAsync(ILiveSystem system, FanoutPlan plan, string run)
    {
        var recorder = new EditRecorder(run);
        var groups = await system.PrepareAsync(plan.Groups, plan.Members);
        var members = Enumerable.Range(0, plan.Groups).Select(_ => new ILiveMember[plan.Members]).ToArray();
        var clock = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, plan.Groups).SelectMany(g => Enumerable.Range(0, plan.Members).Select(m => (g, m))).Chunk(50))
        {
            await Task.WhenAll(batch.Select(async b => members[b.g][b.m] = await system.ConnectAsync(groups[b.g], b.g, b.m, recorder)));
        }

        var fanout = new FanoutRun(system, plan, recorder, members) { ConnectTime = clock.Elapsed };
        fanout._loops.Add(fanout.TickAsync());
        if (plan.Heartbeat is { } every)
        {
            fanout._loops.Add(fanout.HeartbeatAsync(every));
        }

        return fanout;
    }

    /// <summary>Send edits at the plan's rate for <paramref name="duration"/>, then wait for the ones in flight.</summary>
    public async Task DriveAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        // Every 5 ms, send whatever the rate says is due: the pace holds even where timers are coarse.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var due = 0L;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested && await pace.WaitForNextTickAsync(CancellationToken.None))
        {
            for (; due < Plan.Rate * clock.Elapsed.TotalSeconds; due++)
            {
                var n = Interlocked.Increment(ref _sent);
                var group = (int)(n % Plan.Groups);
                var editor = (int)(n / Plan.Groups % Plan.Editors);
                inFlight.Add(Task.Run(() => EditAsync(group, editor), CancellationToken.None));
            }
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>Closed loop: the plan's writers each send their next edit (to the next case in turn) as soon as the last is acknowledged.</summary>
    public async Task DriveClosedAsync(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Plan.Writers).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; clock.Elapsed < duration; i++)
                {
                    await EditAsync((w + (i * Plan.Writers)) % Plan.Groups, 0);
                }
            },
            CancellationToken.None)));
    }

    /// <summary>Wait (at most <paramref name="max"/>) until every measured edit reached every other member.</summary>
    public async Task<bool> SettleAsync(TimeSpan max)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < max)
        {
            if (Recorder.MeasuredDeliveries() >= Expected())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public FanoutResult Result(TimeSpan measured, ResourceUse resources)
    {
        var (ack, send, beforeAck) = Recorder.Latencies();
        var acknowledged = Recorder.Acknowledged(measuredOnly: true);
        var sendToAck = Latency.Of(acknowledged.Select(e => Stopwatch.GetElapsedTime(e.Sent, e.Ack).TotalMilliseconds));
        return new FanoutResult(_system.Name, Plan, measured, acknowledged.Count, Expected(), ack.Count, ack, send, sendToAck, beforeAck,
            new Dictionary<string, int>(Recorder.Errors), resources);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        await Task.WhenAll(_members.SelectMany(g => g).Where(m => m is not null).Select(m => m.DisposeAsync().AsTask()));
        _stop.Dispose();
    }

    private long Expected() => (long)Recorder.Acknowledged(measuredOnly: true).Count * (Plan.Members - 1);

    private async Task EditAsync(int group, int editor)
    {
        var edit = Recorder.Begin(group, editor, Plan.Members);
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            string? error;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                error = await _members[group][editor].EditAsync(edit, timeout.Token);
            }
            catch (Exception e)
            {
                error = e.GetType().Name;
            }

            if (error is null)
            {
                return;
            }

            Recorder.Error($"edit failed: {error}");
            if (clock.Elapsed + delay > Plan.RetryFor)
            {
                return;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _system.Tick();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Each member heartbeats once per period, the members spread evenly over it.
    private async Task HeartbeatAsync(TimeSpan every)
    {
        var all = _members.SelectMany(g => g).ToArray();
        var slice = TimeSpan.FromMilliseconds(100);
        var perSlice = Math.Max(1, (int)Math.Ceiling(all.Length * slice / every));
        var next = 0;
        using var timer = new PeriodicTimer(slice);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                for (var i = 0; i < perSlice; i++, next = (next + 1) % all.Length)
                {
                    var member = all[next];
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await member.HeartbeatAsync();
                        }
                        catch (Exception e)
                        {
                            Recorder.Error($"heartbeat failed: {e.GetType().Name}");
                        }
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

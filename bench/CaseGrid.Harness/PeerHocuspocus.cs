using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CaseGrid.Harness;

/// <summary>
/// The peer: Hocuspocus with its SQLite persistence (bench/peer-hocuspocus/server.mjs) as a separate Node process,
/// loaded by driver.mjs — Hocuspocus providers on their own WebSockets, the same plan, the same stamps — whose
/// measured window the harness meters from /proc like every other.
/// </summary>
internal sealed class PeerHocuspocus(HarnessOptions options, string run, Report report)
{
    public async Task RunAsync(IReadOnlyList<(string Key, string Label, FanoutPlan Plan)> scenarios)
    {
        var port = options.HttpBase + 40;
        var database = Path.Combine(options.OutDir, $"hocuspocus-{run}.sqlite");
        await using var server = new ServerProcess("hocuspocus", options.PeerDir, "node", ["server.mjs", port.ToString(CultureInfo.InvariantCulture), database],
            new Dictionary<string, string>(), Path.Combine(options.OutDir, "logs", "hocuspocus.log"), $"http://127.0.0.1:{port}/");
        var started = await server.StartAsync(TimeSpan.FromSeconds(60));
        Console.WriteLine($"Hocuspocus + SQLite (pid {server.Pid}) ready in {started.TotalSeconds:F1} s on port {port}");
        // The driver keeps a steady rate; a closed loop of acknowledged edits has no counterpart there.
        foreach (var (index, (key, label, plan)) in scenarios.Where(s => s.Plan.Writers == 0).Index())
        {
            Console.WriteLine($"{label} — Hocuspocus");
            report.Fanout(label, await DriveAsync($"ws://127.0.0.1:{port}", $"{run}-{key}", plan, server, options.WarmupFor(index)));
        }
    }

    /// <summary>
    /// The server process killed (SIGKILL) <paramref name="killAfter"/> into a steady stream of edits, then started again on the same SQLite
    /// file: how many edits it had acknowledged are in the documents a fresh client opens. The editing clients are
    /// destroyed at the kill, so none of them sends its own copy again.
    /// </summary>
    public async Task<(int Acknowledged, int Lost)> KillServerAsync(int groups, double rate, TimeSpan killAfter)
    {
        var port = options.HttpBase + 41;
        var url = $"ws://127.0.0.1:{port}";
        var database = Path.Combine(options.OutDir, $"hocuspocus-kill-{run}.sqlite");
        ServerProcess Server() => new("hocuspocus-kill", options.PeerDir, "node", ["server.mjs", I(port), database],
            new Dictionary<string, string>(), Path.Combine(options.OutDir, "logs", "hocuspocus-kill.log"), $"http://127.0.0.1:{port}/");
        var documents = $"{run}-kill";
        await using var server = Server();
        await server.StartAsync(TimeSpan.FromSeconds(60));
        using var editor = Node("durability.mjs", "--url", url, "--run", documents, "--groups", I(groups), "--rate", I(rate), "--seconds", "60");
        Task? kill = null;
        string? acked = null;
        while (await editor.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "EDITING")
            {
                kill = Task.Delay(killAfter).ContinueWith(_ => server.KillAsync(), TaskScheduler.Default).Unwrap();
            }
            else if (line.StartsWith("ACKED ", StringComparison.Ordinal))
            {
                acked = line["ACKED ".Length..];
            }
        }

        await editor.WaitForExitAsync();
        await (kill ?? Task.CompletedTask);
        var ids = JsonSerializer.Deserialize<string[]>(acked ?? throw new InvalidOperationException("the Hocuspocus editor ended without its acknowledged edits"))!;
        var file = Path.Combine(options.OutDir, $"hocuspocus-kill-{run}.json");
        await File.WriteAllTextAsync(file, acked);
        await using var restarted = Server();
        await restarted.StartAsync(TimeSpan.FromSeconds(60));
        using var verifier = Node("durability.mjs", "--url", url, "--run", documents, "--groups", I(groups), "--verify", file);
        var present = -1;
        while (await verifier.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("PRESENT ", StringComparison.Ordinal))
            {
                present = int.Parse(line["PRESENT ".Length..], CultureInfo.InvariantCulture);
            }
        }

        await verifier.WaitForExitAsync();
        return present < 0 ? throw new InvalidOperationException("the Hocuspocus verifier gave no count") : (ids.Length, ids.Length - present);
    }

    private Process Node(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = options.PeerDir, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"node {arguments[0]} did not start");
    }

    private async Task<FanoutResult> DriveAsync(string url, string documents, FanoutPlan plan, ServerProcess server, TimeSpan warmup)
    {
        using var driver = Node(
            "driver.mjs", "--url", url, "--run", documents, "--groups", I(plan.Groups), "--members", I(plan.Members), "--editors", I(plan.Editors),
            "--rate", I(plan.Rate), "--warmup", I(warmup.TotalSeconds), "--seconds", I(options.Seconds.TotalSeconds),
            "--heartbeat", I(plan.Heartbeat?.TotalSeconds ?? 0));
        var meter = new ResourceMeter()
            .Add("server: Hocuspocus", () => server.Pid)
            .Add("client: node driver", () => driver.Id);
        ResourceUse? resources = null;
        JsonElement? result = null;
        while (await driver.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "MEASURE START")
            {
                meter.Start();
            }
            else if (line == "MEASURE STOP")
            {
                resources = meter.Stop();
            }
            else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = JsonDocument.Parse(line["RESULT ".Length..]).RootElement.Clone();
            }
        }

        await driver.WaitForExitAsync();
        if (result is not { } r || resources is null)
        {
            throw new InvalidOperationException($"the Hocuspocus driver ended ({driver.ExitCode}) without a result");
        }

        return new FanoutResult("Hocuspocus", plan, TimeSpan.FromSeconds(r.GetProperty("measuredSeconds").GetDouble()),
            r.GetProperty("editsAcknowledged").GetInt32(), r.GetProperty("deliveriesExpected").GetInt64(), r.GetProperty("deliveries").GetInt32(),
            Stats(r.GetProperty("ackToDelivery")), Stats(r.GetProperty("sendToDelivery")),
            r.TryGetProperty("sendToAck", out var sendToAck) ? Stats(sendToAck) : Latency.None, r.GetProperty("beforeAck").GetInt32(),
            r.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetInt32()), resources);
    }

    private static Latency Stats(JsonElement s) => s.GetProperty("count").GetInt32() == 0
        ? Latency.None
        : new Latency(s.GetProperty("count").GetInt32(), s.GetProperty("p50").GetDouble(), s.GetProperty("p95").GetDouble(), s.GetProperty("p99").GetDouble(), s.GetProperty("max").GetDouble());

    private static string I(double value) => value.ToString(CultureInfo.InvariantCulture);
}

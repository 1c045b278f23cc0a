using System.Globalization;
using System.Text;

namespace CaseGrid.Harness;

/// <summary>Collects every scenario's figures, prints them as they come, and prints markdown tables at the end.</summary>
internal sealed class Report
{
    private readonly List<(string Scenario, FanoutResult Result)> _fanout = [];
    private readonly List<(string Title, string[] Header, List<string[]> Rows)> _tables = [];
    private readonly StringBuilder _notes = new();
    private readonly Dictionary<string, (double Value, string Conditions, bool AtTarget)> _figures = new(StringComparer.Ordinal);

    /// <summary>(d)'s RSS per active case, KiB.</summary>
    public const string IdleKiBPerCase = "idle KiB per active case";

    /// <summary>(e)'s p99 of the first read of a case with <paramref name="events"/> events, ms (for the targets).</summary>
    public static string ColdP99(int events) => $"cold p99 ms at {events} events";

    public static string F(double value, string format = "F1") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string MiB(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) : "–";

    public void Note(string line)
    {
        Console.WriteLine(line);
        _notes.AppendLine(line);
    }

    public void Fanout(string scenario, FanoutResult r)
    {
        _fanout.Add((scenario, r));
        Print(r);
    }

    /// <summary>Print one fan-out result as it comes.</summary>
    public static void Print(FanoutResult r)
    {
        Console.WriteLine($"  [{r.System}] {r.Plan.Connections} connections, {r.EditsAcknowledged} edits acknowledged in {r.Measured.TotalSeconds:F0} s ({r.EditsPerSecond:F1}/s)");
        Console.WriteLine($"    deliveries      : {r.Deliveries} of {r.DeliveriesExpected} expected ({r.DeliveriesPerSecond:F0}/s); {r.BeforeAck} arrived before the editor's acknowledgement (count as 0)");
        Console.WriteLine($"    ack → delivery  : {r.AckToDelivery.Describe()}");
        Console.WriteLine($"    send → delivery : {r.SendToDelivery.Describe()}");
        Console.WriteLine($"    send → ack      : {r.SendToAck.Describe()}");
        Console.WriteLine($"    resources       : {r.Resources.Describe()}");
        if (r.Errors.Count > 0)
        {
            Console.WriteLine($"    errors          : {string.Join(", ", r.Errors.Select(e => $"{e.Key} ×{e.Value}"))}");
        }
    }

    /// <summary>
    /// A figure a target is checked against: <paramref name="conditions"/> say what it was measured at, and
    /// <paramref name="atTarget"/> whether those are the conditions the target names.
    /// </summary>
    public void Figure(string key, double value, string conditions, bool atTarget = true) => _figures[key] = (value, conditions, atTarget);

    public void Table(string title, string[] header, List<string[]> rows)
    {
        _tables.Add((title, header, rows));
        Console.WriteLine(Markdown(title, header, rows));
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        if (_fanout.Count > 0)
        {
            text.AppendLine(Markdown("Fan-out: acknowledgement → delivery at every other member", FanoutHeader, [.. _fanout.Select(f => FanoutRow(f.Scenario, f.Result))]));
            var ratios = _fanout.Where(f => f.Result.System == "CaseGrid" && f.Result.Plan.Writers == 0)
                .SelectMany(c => _fanout.Where(p => p.Scenario == c.Scenario && p.Result.System != "CaseGrid").Select(p => RatioRow(c.Scenario, c.Result, p.Result)))
                .ToList();
            if (ratios.Count > 0)
            {
                text.AppendLine(Markdown("CaseGrid ÷ the others (below 1: CaseGrid is lower, which is better for every column)", RatioHeader, ratios));
            }

            var sustained = _fanout.Where(f => f.Result.Plan.Writers > 0).ToList();
            if (sustained.Count > 0)
            {
                text.AppendLine(Markdown("(f) sustained durable edits: acknowledgement = the edit is in the store", ThroughputHeader, [.. sustained.Select(f => ThroughputRow(f.Result))]));
            }
        }

        var targets = Targets.Rows(_fanout, _figures, _tables);
        if (targets.Any(t => t[^1] != Targets.NotMeasured))
        {
            text.AppendLine(Markdown("Targets", Targets.Header, targets));
            if (_fanout.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Machine load average during the fan-out windows: up to {_fanout.Max(f => f.Result.Resources.MachineLoad):F1} on {Environment.ProcessorCount} cores (other users' work included); above the core count, every latency above is inflated by waiting for a core.").AppendLine();
            }
        }

        foreach (var (title, header, rows) in _tables)
        {
            text.AppendLine(Markdown(title, header, rows));
        }

        text.Append(_notes);
        return text.ToString();
    }

    private static readonly string[] FanoutHeader =
    [
        "scenario", "system", "connections", "edits/s", "deliveries/s", "delivered", "ack→delivery p50 ms", "p95", "p99", "max",
        "send→delivery p50 ms", "p99", "send→ack p50 ms", "p99", "server CPU (cores)", "server RSS MiB", "PostgreSQL CPU", "client CPU", "errors",
    ];

    private static readonly string[] RatioHeader = ["scenario", "vs", "send→delivery p50", "send→delivery p99", "ack→delivery p99", "server CPU per edit", "server RSS"];

    private static readonly string[] ThroughputHeader =
    [
        "system", "writers", "cases", "durable edits/s", "send→ack p50 ms", "p95", "p99", "max", "ack→delivery p99 ms", "server CPU (cores)", "server CPU ms per edit", "PostgreSQL CPU", "client CPU", "errors",
    ];

    /// <summary>Summed CPU (cores) or RSS of a result's server processes.</summary>
    public static double Server(FanoutResult r, Func<ProcessUse, double> f) => r.Resources.Processes.Where(x => x.Name.StartsWith("server", StringComparison.Ordinal)).Sum(f);

    /// <summary>Server CPU-milliseconds per acknowledged edit.</summary>
    public static double CpuPerEdit(FanoutResult r) => r.EditsPerSecond > 0 ? Server(r, x => x.Cores) * 1000 / r.EditsPerSecond : double.NaN;

    private static string[] ThroughputRow(FanoutResult r)
    {
        var db = r.Resources.Processes.FirstOrDefault(p => p.Name == "postgres");
        var client = r.Resources.Processes.FirstOrDefault(p => p.Name.StartsWith("client", StringComparison.Ordinal));
        return
        [
            r.System, r.Plan.Writers.ToString(CultureInfo.InvariantCulture), r.Plan.Groups.ToString(CultureInfo.InvariantCulture), F(r.EditsPerSecond, "F0"),
            F(r.SendToAck.P50, "F2"), F(r.SendToAck.P95, "F2"), F(r.SendToAck.P99, "F2"), F(r.SendToAck.Max, "F0"), F(r.AckToDelivery.P99, "F2"),
            F(Server(r, x => x.Cores), "F2"), F(CpuPerEdit(r), "F3"), db is null ? "–" : F(db.Cores, "F2"), client is null ? "–" : F(client.Cores, "F2"),
            r.Errors.Values.Sum().ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static string[] FanoutRow(string scenario, FanoutResult r)
    {
        var server = r.Resources.Processes.Where(p => p.Name.StartsWith("server", StringComparison.Ordinal)).ToList();
        var db = r.Resources.Processes.FirstOrDefault(p => p.Name == "postgres");
        var client = r.Resources.Processes.FirstOrDefault(p => p.Name.StartsWith("client", StringComparison.Ordinal));
        return
        [
            scenario, r.System, r.Plan.Connections.ToString(CultureInfo.InvariantCulture), F(r.EditsPerSecond), F(r.DeliveriesPerSecond, "F0"),
            r.DeliveriesExpected == 0 ? "–" : $"{100.0 * r.Deliveries / r.DeliveriesExpected:F2} %",
            F(r.AckToDelivery.P50, "F2"), F(r.AckToDelivery.P95, "F2"), F(r.AckToDelivery.P99, "F2"), F(r.AckToDelivery.Max, "F0"),
            F(r.SendToDelivery.P50, "F2"), F(r.SendToDelivery.P99, "F2"), F(r.SendToAck.P50, "F2"), F(r.SendToAck.P99, "F2"),
            F(server.Sum(p => p.Cores), "F3"), MiB(server.Sum(p => p.RssBytes ?? 0)), db is null ? "–" : F(db.Cores, "F2"), client is null ? "–" : F(client.Cores, "F2"),
            r.Errors.Values.Sum().ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static string[] RatioRow(string scenario, FanoutResult c, FanoutResult p)
    {
        static string R(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? "–" : $"×{a / b:F2}";
        return
        [
            scenario, p.System,
            R(c.SendToDelivery.P50, p.SendToDelivery.P50), R(c.SendToDelivery.P99, p.SendToDelivery.P99), R(c.AckToDelivery.P99, p.AckToDelivery.P99),
            R(CpuPerEdit(c), CpuPerEdit(p)), R(Server(c, x => x.RssBytes ?? 0), Server(p, x => x.RssBytes ?? 0)),
        ];
    }

    public static string Markdown(string title, string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Join("|", header.Select((_, i) => i < 2 ? "---" : "---:")) + "|");
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }
}

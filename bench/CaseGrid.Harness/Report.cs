using System.Globalization;
using System.Text;

namespace CaseGrid.Harness;

/// <summary>Collects every scenario's figures, prints them as they come, and prints markdown tables at the end.</summary>
internal sealed class Report
{
    private readonly List<(string Scenario, FanoutResult Result)> _fanout = [];
    private readonly List<(string Title, string[] Header, List<string[]> Rows)> _tables = [];
    private readonly StringBuilder _notes = new();

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
        Console.WriteLine($"  [{r.System}] {r.Plan.Connections} connections, {r.EditsAcknowledged} edits acknowledged in {r.Measured.TotalSeconds:F0} s ({r.EditsPerSecond:F1}/s)");
        Console.WriteLine($"    deliveries      : {r.Deliveries} of {r.DeliveriesExpected} expected ({r.DeliveriesPerSecond:F0}/s); {r.BeforeAck} arrived before the editor's acknowledgement (count as 0)");
        Console.WriteLine($"    ack → delivery  : {r.AckToDelivery.Describe()}");
        Console.WriteLine($"    send → delivery : {r.SendToDelivery.Describe()}");
        Console.WriteLine($"    resources       : {r.Resources.Describe()}");
        if (r.Errors.Count > 0)
        {
            Console.WriteLine($"    errors          : {string.Join(", ", r.Errors.Select(e => $"{e.Key} ×{e.Value}"))}");
        }
    }

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
            var ratios = _fanout.Where(f => f.Result.System == "CaseGrid")
                .SelectMany(c => _fanout.Where(p => p.Scenario == c.Scenario && p.Result.System != "CaseGrid").Select(p => RatioRow(c.Scenario, c.Result, p.Result)))
                .ToList();
            if (ratios.Count > 0)
            {
                text.AppendLine(Markdown("CaseGrid ÷ the others (below 1: CaseGrid is lower, which is better for every column)", RatioHeader, ratios));
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
        "send→delivery p50 ms", "p99", "server CPU (cores)", "server RSS MiB", "PostgreSQL CPU", "client CPU", "errors",
    ];

    private static readonly string[] RatioHeader = ["scenario", "vs", "ack→delivery p50", "p99", "send→delivery p50", "p99", "server CPU", "server RSS"];

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
            F(r.SendToDelivery.P50, "F2"), F(r.SendToDelivery.P99, "F2"),
            F(server.Sum(p => p.Cores), "F2"), MiB(server.Sum(p => p.RssBytes ?? 0)), db is null ? "–" : F(db.Cores, "F2"), client is null ? "–" : F(client.Cores, "F2"),
            r.Errors.Values.Sum().ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static string[] RatioRow(string scenario, FanoutResult c, FanoutResult p)
    {
        static double Server(FanoutResult r, Func<ProcessUse, double> f) => r.Resources.Processes.Where(x => x.Name.StartsWith("server", StringComparison.Ordinal)).Sum(f);
        static string R(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? "–" : $"×{a / b:F2}";
        return
        [
            scenario, p.System,
            R(c.AckToDelivery.P50, p.AckToDelivery.P50), R(c.AckToDelivery.P99, p.AckToDelivery.P99),
            R(c.SendToDelivery.P50, p.SendToDelivery.P50), R(c.SendToDelivery.P99, p.SendToDelivery.P99),
            R(Server(c, x => x.Cores), Server(p, x => x.Cores)), R(Server(c, x => x.RssBytes ?? 0), Server(p, x => x.RssBytes ?? 0)),
        ];
    }

    private static string Markdown(string title, string[] header, IEnumerable<string[]> rows)
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

using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>The harness's command line. Every flag has a default that keeps a full run near ten minutes on two cores.</summary>
internal sealed class HarnessOptions
{
    public static readonly string[] AllScenarios = ["meeting", "fanout", "board", "throughput", "idle", "cold", "faults", "work"];
    /// <summary>Scenarios that run only when named: they need what a script sets up first (deploy/faults.sh), or take long (the cost curve's 100,000 cases).</summary>
    public static readonly string[] NamedScenarios = ["netfaults", "curve"];

    /// <summary>The plans (d) and the cost curve copy to many cases: one like a real case's, or the few events of a bare one.</summary>
    public static readonly string[] Templates = ["realistic", "small"];

    public static readonly string[] AllSystems = ["casegrid", "bare", "hocuspocus"];

    public required HashSet<string> Scenarios { get; init; }

    public required HashSet<string> Systems { get; init; }

    public TimeSpan Seconds { get; init; }

    public TimeSpan Warmup { get; init; }

    /// <summary>
    /// The warm-up of the first fan-out scenario on a freshly started server process (every system alike), instead of
    /// <see cref="Warmup"/>: a .NET host spends its first minute compiling its hot paths again, optimised (tiered
    /// compilation), which at a few edits a second outweighs the edits themselves.
    /// </summary>
    public TimeSpan HostWarmup { get; init; }

    /// <summary>The warm-up before the <paramref name="index"/>-th fan-out scenario on one server process.</summary>
    public TimeSpan WarmupFor(int index) => index == 0 && HostWarmup > Warmup ? HostWarmup : Warmup;

    public double MeetingRate { get; init; }

    public double FanoutRate { get; init; }

    public double BoardRate { get; init; }

    public int Writers { get; init; }

    /// <summary>The cases (f)'s writers edit, in turn.</summary>
    public int ThroughputCases { get; init; }

    /// <summary>The cost curve's group sizes: one group of each, its members all connected.</summary>
    public required int[] CurveGroups { get; init; }

    /// <summary>Edits per second in each of the cost curve's groups.</summary>
    public double CurveRate { get; init; }

    /// <summary>How many members of each of the cost curve's groups edit.</summary>
    public int CurveEditors { get; init; }

    /// <summary>The cost curve's numbers of active cases, under a sustained edit load of <see cref="Writers"/> writers.</summary>
    public required int[] CurveCases { get; init; }

    /// <summary>realistic or small: the plan (d) and the cost curve copy (<see cref="Templates"/>).</summary>
    public required string IdleTemplate { get; init; }

    public int IdleCases { get; init; }

    /// <summary>A dotnet-gcdump executable, or null: (d) then writes a heap dump of the silo host after the first cases and after all.</summary>
    public string? IdleGcdump { get; init; }

    public int ColdEvents { get; init; }

    /// <summary>How many cases of <see cref="ColdEvents"/> the cold scenario reads.</summary>
    public int ColdCases { get; init; }

    /// <summary>The events of the cold scenario's large cases.</summary>
    public int ColdLargeEvents { get; init; }

    /// <summary>How many cases of <see cref="ColdLargeEvents"/> the cold scenario reads.</summary>
    public int ColdLargeCases { get; init; }

    public int WorkCases { get; init; }

    public int WorkUserCases { get; init; }

    public double WorkRate { get; init; }

    public double WorkItemRate { get; init; }

    public TimeSpan Pause { get; init; }

    public required string Connection { get; init; }

    /// <summary>
    /// An Azure Storage connection string (deploy/bench.sh --storage azure: its Azurite): CaseGrid's hosts then run on
    /// Azure Storage alone; null for PostgreSQL.
    /// </summary>
    public string? AzureConnection { get; init; }

    /// <summary>The migration role's connection string: the silos apply the schema with it.</summary>
    public required string MigrationConnection { get; init; }

    /// <summary>The folder deploy/certs.sh made: the cluster's authority, the silo and api certificates, the master key.</summary>
    public required string PkiDir { get; init; }

    public int PgPort { get; init; }

    public required string PgControl { get; init; }

    public required string SiloDir { get; init; }

    public required string ApiDir { get; init; }

    public required string BareDir { get; init; }

    public required string PeerDir { get; init; }

    public required string OutDir { get; init; }

    public int HttpBase { get; init; }

    public int SiloPortBase { get; init; }

    public int GatewayPortBase { get; init; }

    /// <summary>deploy/faults.sh, which made the network namespaces and injects faults in them (netfaults).</summary>
    public string? NetControl { get; init; }

    /// <summary>The namespaces' /24 (three octets), as deploy/faults.sh numbers its nodes.</summary>
    public string? NetSubnet { get; init; }

    /// <summary>The new build a rolling upgrade restarts each process from (silo/ and api/ in it); none: no rolling upgrade.</summary>
    public string? NewBuildDir { get; init; }

    /// <summary>PostgreSQL's server log: the appends the event log's key rejected are counted in it.</summary>
    public string? PgLog { get; init; }

    public static HarnessOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        double Number(string name, double fallback) => double.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int[] Sizes(string name, string fallback) =>
            [.. Arg(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.Parse(n.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) is > 0 and var v ? v : throw new ArgumentException($"{name}: sizes above 0, not {n}"))
                .Order()];
        HashSet<string> Set(string name, string[] all, string[]? named = null)
        {
            // "all" may be named beside scenarios that run only when named: all,curve.
            var set = Arg(name, "all").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (set.Remove("all"))
            {
                set.UnionWith(all);
            }

            var unknown = set.Except(all).Except(named ?? []).ToList();
            return unknown.Count == 0 ? set : throw new ArgumentException($"{name}: unknown {string.Join(", ", unknown)} (choose from {string.Join(", ", all)})");
        }

        string Required(string name) => Arg(name, "") is { Length: > 0 } value ? value : throw new ArgumentException($"{name} is required");
        return new HarnessOptions
        {
            Scenarios = Set("--scenarios", AllScenarios, NamedScenarios),
            Systems = Set("--systems", AllSystems),
            Seconds = TimeSpan.FromSeconds(Number("--seconds", 20)),
            Warmup = TimeSpan.FromSeconds(Number("--warmup", 5)),
            HostWarmup = TimeSpan.FromSeconds(Number("--host-warmup", 60)),
            MeetingRate = Number("--meeting-rate", 5),
            FanoutRate = Number("--fanout-rate", 200),
            BoardRate = Number("--board-rate", 20),
            Writers = (int)Number("--writers", 64),
            ThroughputCases = (int)Number("--throughput-cases", 200),
            CurveGroups = Sizes("--curve-groups", "10,100,1000"),
            CurveRate = Number("--curve-rate", 20),
            CurveEditors = (int)Number("--curve-editors", 4),
            CurveCases = Sizes("--curve-cases", "1000,10000,100000"),
            IdleTemplate = Arg("--idle-template", "realistic") is var template && Templates.Contains(template) ? template : throw new ArgumentException($"--idle-template: realistic or small, not {template}"),
            IdleCases = (int)Number("--idle-cases", 20_000),
            IdleGcdump = Arg("--idle-gcdump", "") is { Length: > 0 } gcdump ? gcdump : null,
            ColdEvents = (int)Number("--cold-events", 1000),
            ColdCases = (int)Number("--cold-cases", 20),
            ColdLargeEvents = (int)Number("--cold-large-events", 10_000),
            ColdLargeCases = (int)Number("--cold-large-cases", 5),
            WorkCases = (int)Number("--work-cases", 100_000),
            WorkUserCases = (int)Number("--work-user-cases", 200),
            WorkRate = Number("--work-rate", 200),
            WorkItemRate = Number("--work-item-rate", 10),
            Pause = TimeSpan.FromSeconds(Number("--pause", 30)),
            Connection = Required("--pg"),
            MigrationConnection = Required("--pg-migrations"),
            PkiDir = Required("--pki"),
            PgPort = (int)Number("--pg-port", 55445),
            PgControl = Required("--pg-control"),
            SiloDir = Required("--silo-dir"),
            ApiDir = Required("--api-dir"),
            BareDir = Required("--bare-dir"),
            PeerDir = Required("--peer-dir"),
            OutDir = Required("--out"),
            HttpBase = (int)Number("--http-base", 5200),
            SiloPortBase = (int)Number("--silo-port-base", 11200),
            GatewayPortBase = (int)Number("--gateway-port-base", 30200),
            NetControl = Arg("--net-control", "") is { Length: > 0 } control ? control : null,
            AzureConnection = Arg("--azure", "") is { Length: > 0 } azure ? azure : null,
            NetSubnet = Arg("--net-subnet", "") is { Length: > 0 } subnet ? subnet : null,
            NewBuildDir = Arg("--new-build", "") is { Length: > 0 } newBuild ? newBuild : null,
            PgLog = Arg("--pg-log", "") is { Length: > 0 } pgLog ? pgLog : null,
        };
    }
}

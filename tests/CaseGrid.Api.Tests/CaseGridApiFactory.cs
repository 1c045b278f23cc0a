extern alias silo;

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The whole one-process CaseGrid host — an Orleans silo on PostgreSQL plus the API — in this test process, on
/// the real PostgreSQL that <c>deploy/test.sh</c> starts. Each instance is its own cluster (a fresh cluster id
/// and free silo and gateway ports), so test projects running in parallel never join each other's silos.
/// </summary>
public sealed class CaseGridApiFactory : WebApplicationFactory<silo::Program>
{
    /// <summary>The environment variable holding the Npgsql connection string of the test database.</summary>
    public const string ConnectionVariable = "CASEGRID_TEST_CONNECTION";

    /// <summary>The environment variable holding the migration role's connection string, which applies the schema.</summary>
    public const string MigrationConnectionVariable = "CASEGRID_TEST_MIGRATION_CONNECTION";

    public CaseGridApiFactory()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                $"{ConnectionVariable} is not set. The API tests run against a real PostgreSQL: run deploy/test.sh, or start one with " +
                $"deploy/pg.sh start and export {ConnectionVariable}=$(deploy/pg.sh url).");
        }

        ConnectionString = connection;
        MigrationConnectionString = Environment.GetEnvironmentVariable(MigrationConnectionVariable) is { Length: > 0 } migrations
            ? migrations
            : throw new InvalidOperationException($"{MigrationConnectionVariable} is not set: export it from `deploy/pg.sh url migration` (deploy/test.sh does).");
        (SiloPort, GatewayPort) = TwoFreePorts();
    }

    private CaseGridApiFactory(string connection, string migrationConnection, string masterKeyFile)
    {
        ConnectionString = connection;
        MigrationConnectionString = migrationConnection;
        MasterKeyFile = masterKeyFile;
        (SiloPort, GatewayPort) = TwoFreePorts();
    }

    /// <summary>A host on another database (a restored or upgraded one), with the master key its cases are sealed under.</summary>
    public static CaseGridApiFactory On(string connection, string migrationConnection, string masterKeyFile) =>
        new(connection, migrationConnection, masterKeyFile);

    /// <summary>The test database, as the application role.</summary>
    public string ConnectionString { get; }

    /// <summary>The test database, as the migration role that owns the schema.</summary>
    public string MigrationConnectionString { get; }

    /// <summary>The master key file this host runs with.</summary>
    public string MasterKeyFile { get; } = CaseGrid.Tests.TestSecrets.MasterKeyFile;

    /// <summary>More settings or services for this host, applied after the defaults (a test's own exporter, say).</summary>
    public Action<IWebHostBuilder>? ConfigureHost { get; init; }

    /// <summary>The host's environment: Development unless a test says otherwise (the development issuer exists only there).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>The port Orleans clients (API hosts) connect to.</summary>
    public int GatewayPort { get; }

    /// <summary>This host's own Orleans cluster.</summary>
    public string ClusterId { get; } = $"api-tests-{Guid.NewGuid():N}";

    /// <summary>Settings of this host over the defaults below; set before the host starts.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal)
    {
        // Hosts of other clusters on the same database would send other tests' webhooks from their own, stale, case
        // grains: the webhook tests start hosts of their own that send.
        ["CaseGrid:Webhooks:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:casegrid", ConnectionString);
        builder.UseSetting("ConnectionStrings:migrations", MigrationConnectionString);
        builder.UseSetting("CaseGrid:Cluster:ClusterId", ClusterId);
        builder.UseSetting("CaseGrid:Cluster:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("CaseGrid:Cluster:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("CaseGrid:Auth:DevIssuerEnabled", "true");
        builder.UseSetting("CaseGrid:Silo:SeedDemo", "false");
        builder.UseSetting("CaseGrid:Silo:HostApi", "true");
        builder.UseSetting("CaseGrid:Secrets:MasterKeyFile", MasterKeyFile);
        foreach (var (key, value) in CaseGrid.Tests.TestSecrets.Cluster.Settings("silo"))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        ConfigureHost?.Invoke(builder);
    }

    /// <summary>Two distinct ports the OS has free on loopback: both are held open while the second is chosen.</summary>
    private static (int First, int Second) TwoFreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}

using CaseGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CaseGrid.Benchmarks;

/// <summary>
/// One CaseGrid silo in the benchmark's own process, on the given PostgreSQL, in a cluster of its own. It runs as
/// Development: nothing connects to its ports from outside the process, so it goes without cluster TLS.
/// </summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(string connectionString, string name, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(BenchDatabase.Settings(connectionString));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CaseGrid:Cluster:ClusterId"] = $"{name}-{Guid.NewGuid():N}",
            ["CaseGrid:Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CaseGrid:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddCaseGridSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

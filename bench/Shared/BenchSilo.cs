using CaseGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CaseGrid.Benchmarks;

/// <summary>One CaseGrid silo in the benchmark's own process, on the given PostgreSQL, in a cluster of its own.</summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(string connectionString, string name, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:casegrid"] = connectionString,
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

extern alias api;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A second API host as in a scale-out deployment: the API process alone, an Orleans client that finds the silo of
/// <paramref name="silo"/> through the PostgreSQL membership table.
/// </summary>
public sealed class ApiHostFactory(CaseGridApiFactory silo) : WebApplicationFactory<api::Program>
{
    /// <summary>More settings or services for this host, applied after the defaults.</summary>
    public Action<IWebHostBuilder>? ConfigureHost { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:casegrid", silo.ConnectionString);
        builder.UseSetting("CaseGrid:Cluster:ClusterId", silo.ClusterId);
        builder.UseSetting("CaseGrid:Auth:DevIssuerEnabled", "true");
        builder.UseSetting("CaseGrid:Realtime:RenewSeconds", "2");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("CaseGrid:Webhooks:Enabled", "false");
        builder.UseSetting("CaseGrid:Secrets:MasterKeyFile", CaseGrid.Tests.TestSecrets.MasterKeyFile);
        foreach (var (key, value) in CaseGrid.Tests.TestSecrets.Cluster.Settings("api"))
        {
            builder.UseSetting(key, value);
        }

        ConfigureHost?.Invoke(builder);
    }
}
